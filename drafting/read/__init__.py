"""Reading regulation texts: .txt/.md/.docx lines into a Draft."""
