// A route's hostnames. Empty means the route takes the listeners' hostnames.
import { StringListField } from './StringListField.tsx'

export function HostnamesField({
  value,
  onChange,
}: {
  value: string[] | undefined
  onChange(next: string[] | undefined): void
}) {
  return (
    <StringListField
      legend="Hostnames (none: the listeners' hostnames)"
      noun="hostname"
      path="spec.hostnames"
      value={value}
      placeholder="www.example.com or *.example.com"
      onChange={onChange}
    />
  )
}
