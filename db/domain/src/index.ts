/** Browser-safe domain types and schemas shared by every package. No Node or vendor imports here. */
export * from './access';
export * from './alarm';
export * from './alarm-message';
export * from './asset';
export * from './channel';
export * from './gateway';
export * from './notify';
export * from './quality';
export * from './reading';
