-- +goose Up
-- One document, one entry: the same number, symbol and date of issue cannot be added
-- twice, even by two people at the same moment. Undated entries are checked by the
-- application only, since NULL dates never collide in an index.
CREATE UNIQUE INDEX library_docs_same_document ON library_docs(number, symbol, issued_on) WHERE number <> '';

-- +goose Down
DROP INDEX library_docs_same_document;
