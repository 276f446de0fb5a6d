-- GCS documents are versioned JSON; they are stored as JSON with the references the API filters on.
CREATE TABLE documents (
    kind        VARCHAR(40)  NOT NULL,
    id          VARCHAR(64)  NOT NULL,
    parent_id   VARCHAR(64),
    owner_id    VARCHAR(64),
    body        TEXT         NOT NULL,
    created_at  TIMESTAMP WITH TIME ZONE NOT NULL,
    updated_at  TIMESTAMP WITH TIME ZONE NOT NULL,
    PRIMARY KEY (kind, id)
);
CREATE INDEX documents_by_parent ON documents (kind, parent_id);
CREATE INDEX documents_by_owner ON documents (kind, owner_id);

-- Revoked endpoint-issued tokens, kept until they would have expired anyway.
CREATE TABLE revoked_tokens (
    jti         VARCHAR(128) PRIMARY KEY,
    expires_at  TIMESTAMP WITH TIME ZONE NOT NULL
);
