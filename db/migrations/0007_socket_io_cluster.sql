-- Web instances share Socket.IO rooms through this server (@socket.io/postgres-adapter): packets too
-- large for a NOTIFY wait here for the other instances to fetch them.
CREATE TABLE socket_io_attachments (
  id          bigserial UNIQUE,
  created_at  timestamptz DEFAULT now(),
  payload     bytea
);
