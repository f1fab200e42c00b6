"""Raw WordprocessingML helpers, apart from the house style (as python-docx keeps oxml/)."""
