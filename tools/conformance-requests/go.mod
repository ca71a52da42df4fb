module gatemap.dev/tools/conformance-requests

go 1.22
