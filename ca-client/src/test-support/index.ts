/** The test-support door of @idcard/ca-client: a recording stand-in for fabric-ca-client (never part of a build). */
export { recordingCaClient, type RecordedRun, type RecordingCaClient } from './recording-ca-client';
