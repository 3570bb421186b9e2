//go:build tools

// Package tools pins the Fabric CA programs this project builds; go.mod and
// go.sum beside it fix every dependency version, so a build is reproducible.
package tools

import (
	_ "github.com/hyperledger/fabric-ca/cmd/fabric-ca-client"
	_ "github.com/hyperledger/fabric-ca/cmd/fabric-ca-server"
)
