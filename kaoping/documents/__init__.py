"""Document builders (xlsx, docx, pdf, QR slips, charts): plain data in, bytes out. No ORM, no request."""
