"""Writing drafts out: plain text, the house-style .docx, the comparison documents."""
