/**
 * Types for the google-protobuf parts fabric-protos exposes without types
 * here (@types/google-protobuf is not installed): jspb maps of config groups
 * and values, and Timestamp. Asserted once, in this file.
 */
import type { common } from '@hyperledger/fabric-protos';

/** The subset of jspb.Map used. */
export interface ProtoMap<V> {
  get(key: string): V | undefined;
  set(key: string, value: V): unknown;
  forEach(callback: (value: V, key: string) => void): void;
}

/** A google.protobuf.Timestamp. */
export interface ProtoTimestamp {
  getSeconds(): number;
  getNanos(): number;
}

/** The sub-groups of a config group. */
export function configGroups(group: common.ConfigGroup): ProtoMap<common.ConfigGroup> {
  return group.getGroupsMap() as unknown as ProtoMap<common.ConfigGroup>;
}

/** The values of a config group. */
export function configValues(group: common.ConfigGroup): ProtoMap<common.ConfigValue> {
  return group.getValuesMap() as unknown as ProtoMap<common.ConfigValue>;
}

/** The timestamp of a channel header. */
export function channelTimestamp(header: common.ChannelHeader): ProtoTimestamp | undefined {
  return header.getTimestamp() as unknown as ProtoTimestamp | undefined;
}
