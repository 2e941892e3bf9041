"""Pages: rendering content into Markdown, and what each finished page carries."""
