"""The search room: 全文检索 (Ctrl+Shift+F) over drafts, references and comments."""
