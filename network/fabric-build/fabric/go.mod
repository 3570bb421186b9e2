module idcard.local/fabric-build/fabric

go 1.26.4

// Fabric v3.1.5 (commit 86c1172bec37, 2026-06-18). The module path has no /v3,
// so the release tag cannot be used as a version: these are its pseudo-versions.
require (
	github.com/hyperledger/fabric v1.4.0-rc1.0.20260618074816-86c1172bec37
	github.com/hyperledger/fabric/ccaas_builder v0.0.0-20260618074816-86c1172bec37
)
