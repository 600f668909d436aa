-- Issue 13 (level 3): the range an operator's setpoint may take, carried from the device profile
-- (or the gateway config) into the channel, so the web server refuses a value outside it whatever
-- the screen claims. NULL on a channel that takes no setpoints; a writable channel without a range
-- takes none either until it is provisioned again (gateways provision their channels at start).
ALTER TABLE channels
  ADD COLUMN write_min float8,
  ADD COLUMN write_max float8,
  ADD CONSTRAINT channels_write_range CHECK (
    (write_min IS NULL) = (write_max IS NULL) AND (write_min IS NULL OR write_min <= write_max)
  );
