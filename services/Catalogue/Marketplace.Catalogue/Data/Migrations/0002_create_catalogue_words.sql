-- The vocabulary of the Local Offer's names and service types, for correcting misspelt search words
-- ("speach" -> "speech") before full-text search. Grows as offers are published.
CREATE TABLE catalogue_words (
    word text PRIMARY KEY
);
CREATE INDEX catalogue_words_trgm ON catalogue_words USING gin (word gin_trgm_ops);

INSERT INTO catalogue_words (word)
SELECT DISTINCT w FROM catalogue_offers, regexp_split_to_table(lower(search_text), '[^a-z]+') AS w
WHERE length(w) >= 3
ON CONFLICT DO NOTHING;
