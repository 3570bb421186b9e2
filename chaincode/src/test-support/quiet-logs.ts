/**
 * Import first in a test file: fabric-contract-api logs every decorator at
 * INFO when its loggers are created, which drowns test output.
 */
process.env.CORE_CHAINCODE_LOGGING_LEVEL = 'ERROR';
