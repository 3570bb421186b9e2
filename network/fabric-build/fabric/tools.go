//go:build tools

// Package tools pins the Fabric programs this project builds (Fabric v3.1.5).
package tools

import (
	_ "github.com/hyperledger/fabric/ccaas_builder/cmd/build"
	_ "github.com/hyperledger/fabric/ccaas_builder/cmd/detect"
	_ "github.com/hyperledger/fabric/ccaas_builder/cmd/release"
	_ "github.com/hyperledger/fabric/cmd/configtxgen"
	_ "github.com/hyperledger/fabric/cmd/configtxlator"
	_ "github.com/hyperledger/fabric/cmd/orderer"
	_ "github.com/hyperledger/fabric/cmd/osnadmin"
	_ "github.com/hyperledger/fabric/cmd/peer"
)
