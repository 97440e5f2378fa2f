"""The five tutorial documents and the papers that claims are cited from.

Documents are cited by file name and section heading. Their text is not part
of this repository: code-audit checks read it from the folder given with
``--sources`` and compare its SHA-256 with the one recorded here, so an audit
always says which version of a document it read.
"""

from __future__ import annotations

import re

from verify.model import Source

__all__ = ["D000", "D001", "D002", "D003", "D004", "DOCUMENTS", "TITLES", "document_title", "paper", "src"]

D000 = "000_2023e3cfc1f17277.txt"  # theory + NumPy SimpleGAN notebook on bimodal 1-D data
D001 = "001_5e7c4af4e5840c7e.txt"  # theorems, proofs, tables, f-divergences, tips, exercises
D002 = "002_abc1b559a4f2fc62.txt"  # intuitive notes + the start of a Keras MNIST GAN
D003 = "003_5389608d89a76fb3.txt"  # overview, two TF/Keras code blocks, variants, metrics
D004 = "004_b03e2a62a8dd7ca0.txt"  # discriminative vs generative models, training phases

#: SHA-256 of each document as read when its claims were written.
DOCUMENTS: dict[str, str] = {
    D000: "2638cd1a509dccb9892514f1884226c898d1d179c10b499468743c67b9b7beca",
    D001: "8a86ce3623256ae09e5cbc42f40f87a3956b3a0301300db52365268137c4b1cf",
    D002: "aaba389f7ab11bd7b9cb3ce3057e0a37b82bcb6c5ceb1d63d26785d34cfe78ff",
    D003: "91838918d8bd615ac3d930ce16cc08df4f2d62641a84a3a39777d05ea97bd7a8",
    D004: "5ad5a3a06ad05f18da8b5edbe51c98fdec26da5786d6c1afced6b069d51dce4e",
}


#: Each document's title, as :func:`document_title` reads it from the document (a test compares the two
#: whenever the documents are at hand), so that a report names the documents without reading them.
TITLES: dict[str, str] = {
    D000: "Generative Adversarial Networks (GANs): Fundamentals",
    D001: "Generative Adversarial Networks: Fundamentals",
    D002: "untitled; opens “Generative Adversarial Networks (GANs) are a class of generative models …”",
    D003: "Generative Adversarial Network (GAN)",
    D004: "Generative Adversarial Networks (GANs)",
}

#: Words of a document's opening sentence that name an untitled document.
_OPENING_WORDS = 10


def document_title(text: str) -> str:
    """The title of a document: its opening Markdown heading, or its opening words if it has none.

    Leading decorations of the heading (an emoji, in whatever encoding it was
    saved) are dropped: a title starts at its first word holding an ASCII
    letter or digit.

    Parameters
    ----------
    text : str
        The document's text.

    Returns
    -------
    str
        The heading's text, or ``untitled; opens “…”`` with the first
        :data:`_OPENING_WORDS` words of the opening line.

    Raises
    ------
    ValueError
        If ``text`` holds nothing but white space.
    """
    opening = next((line.strip() for line in text.splitlines() if line.strip()), None)
    if opening is None:
        raise ValueError("text: the document is empty, so it has no title")
    heading = re.match(r"^#\s+(.*)$", opening)
    if heading:
        words = heading.group(1).split()
        while words and not re.search(r"[A-Za-z0-9]", words[0]):
            words.pop(0)
        if words:
            return " ".join(words)
    words = opening.split()
    return f"untitled; opens “{' '.join(words[:_OPENING_WORDS])} …”"


def src(document: str, section: str) -> Source:
    """A document source: file name and section heading."""
    if document not in DOCUMENTS:
        raise ValueError(f"unknown document {document!r}")
    return Source(document, section)


def paper(citation: str, where: str) -> Source:
    """A literature source: short citation (authors, year, arXiv) and the result within it."""
    return Source(citation, where)
