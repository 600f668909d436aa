-- Rules may also watch every device: a device none of whose channels gave a usable reading for the
-- rule's limit raises one communications alarm, and the alarms of its channels are suppressed.
ALTER TABLE alarm_rules DROP CONSTRAINT alarm_rules_scope_check;
ALTER TABLE alarm_rules ADD CONSTRAINT alarm_rules_scope_check CHECK (scope IN ('gateways', 'devices'));
