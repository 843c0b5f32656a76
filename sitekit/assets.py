"""Binary files articles link to: PNG images, PDF and DOCX attachments, made from their path.

The demo serves them (``sitekit.demo.build``); renderers use ``png`` for logos. Bytes are a pure function of
the path and text (fixed zip timestamps, no clock), so the same file answers with the same ETag every run.
"""

from __future__ import annotations

import hashlib
import struct
import zipfile
import zlib
from io import BytesIO
from xml.sax.saxutils import escape

from .model import Article
from .pages import Page

CONTENT_TYPES = {
    "png": "image/png",
    "pdf": "application/pdf",
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
}


def png(seed: str, width: int = 96, height: int = 64) -> bytes:
    """A small gradient image whose colours come from ``seed``."""
    r, g, b = hashlib.sha1(seed.encode()).digest()[:3]
    rows = b"".join(
        b"\x00" + b"".join(bytes(((r + x) % 256, (g + y) % 256, b)) for x in range(width))
        for y in range(height)
    )

    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", header)
        + chunk(b"IDAT", zlib.compress(rows, 9))
        + chunk(b"IEND", b"")
    )


def pdf(text: str) -> bytes:
    """A one-page PDF 1.4 showing ``text`` (non-ASCII shown as '?': the demo has no CJK font)."""
    line = (
        text.encode("ascii", "replace").decode().replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)")
    )
    stream = f"BT /F1 14 Tf 72 760 Td ({line}) Tj ET".encode()
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R "
        b"/Resources << /Font << /F1 5 0 R >> >> >>",
        b"<< /Length %d >>\nstream\n" % len(stream) + stream + b"\nendstream",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    ]
    out, offsets = BytesIO(), []
    out.write(b"%PDF-1.4\n")
    for n, body in enumerate(objects, 1):
        offsets.append(out.tell())
        out.write(b"%d 0 obj\n" % n + body + b"\nendobj\n")
    xref = out.tell()
    out.write(b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1))
    out.write(b"".join(b"%010d 00000 n \n" % o for o in offsets))
    out.write(b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref))
    return out.getvalue()


def docx(text: str) -> bytes:
    """A minimal Word document with one paragraph; fixed timestamps so the bytes never change."""
    files = {
        "[Content_Types].xml": '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
        '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
        '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
        '<Default Extension="xml" ContentType="application/xml"/>'
        '<Override PartName="/word/document.xml" '
        'ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>',
        "_rels/.rels": '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
        '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
        '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/'
        'officeDocument" Target="word/document.xml"/></Relationships>',
        "word/document.xml": '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
        '<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>'
        f"<w:p><w:r><w:t>{escape(text)}</w:t></w:r></w:p></w:body></w:document>",
    }
    out = BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, content in files.items():
            archive.writestr(zipfile.ZipInfo(name, date_time=(2024, 1, 1, 0, 0, 0)), content)
    return out.getvalue()


def article_assets(articles: tuple[Article, ...]) -> dict[str, Page]:
    """Every image and attachment the given articles link to."""
    pages: dict[str, Page] = {}
    for article in articles:
        for image in article.images:
            pages[image.path] = Page(png(image.path), CONTENT_TYPES["png"], article.published.timestamp())
        for attachment in article.attachments:
            body = (
                pdf(f"{attachment.text} ({attachment.path})")
                if attachment.kind == "pdf"
                else docx(attachment.text)
            )
            pages[attachment.path] = Page(body, CONTENT_TYPES[attachment.kind], article.published.timestamp())
    return pages
