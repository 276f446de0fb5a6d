-- Resumable (tus) uploads of the HTTPS mover. The bytes wait in a temporary file next to the final path; this
-- row is what lets any node, after any restart, continue the upload: who may, where it goes, how far it got.
-- upload_offset only ever counts bytes the node wrote and accepted (checksum included).
CREATE TABLE tus_uploads (
    id             VARCHAR(64)   PRIMARY KEY,
    collection_id  VARCHAR(64)   NOT NULL,
    path           VARCHAR(4096) NOT NULL,
    owner_id       VARCHAR(64)   NOT NULL,
    upload_length  BIGINT        NOT NULL,
    upload_offset  BIGINT        NOT NULL,
    metadata       VARCHAR(4096) NOT NULL,
    completed      BOOLEAN       NOT NULL,
    created_at     TIMESTAMP WITH TIME ZONE NOT NULL,
    expires_at     TIMESTAMP WITH TIME ZONE NOT NULL
);
CREATE INDEX tus_uploads_by_expiry ON tus_uploads (expires_at);
