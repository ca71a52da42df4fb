// Pins the Envoy Gateway release the differential check runs (see README.md): the newest release
// that requires sigs.k8s.io/gateway-api v1.6.x, the version Gatemap follows. main.go is not built
// in this module: scripts/oracle.sh builds it inside a copy of this module's source.
module gatemap.dev/tools/eg-oracle

go 1.26.7

require github.com/envoyproxy/gateway v1.9.1
