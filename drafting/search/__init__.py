"""Search and the reference library's rules, without Qt or SQL: what a reference's title note
says (issuer, place, date, status), the article texts an index holds, and how similar
provisions are ranked and compared."""
