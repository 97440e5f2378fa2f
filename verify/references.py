"""Every published work the claims cite, each defined once, as data.

A claim's ``references`` are strings in the report; they are written from a
:class:`Work` (``str(GF14)``, or ``GF14.at("Theorem 1")`` for a place in it),
so one work is spelled one way everywhere, and :meth:`Work.bibtex` turns it
into a BibTeX entry (``python -m verify cite --format bibtex`` uses it).

Documents are not works: they are cited by file name and section heading
(:mod:`verify.sources`).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

__all__ = ["WORKS", "Work", "work"]


@dataclass(frozen=True)
class Work:
    """A cited paper, book or software.

    Attributes
    ----------
    key : str
        BibTeX key, ``surname + year + first title word`` (``goodfellow2014generative``).
    authors : tuple of str
        Surnames, in the paper's order (first names are not needed to find a paper).
    year : int
    title : str
    venue : str
        Journal, conference or publisher; empty for a preprint.
    arxiv : str
        arXiv identifier, empty if none.
    """

    key: str
    authors: tuple[str, ...]
    year: int
    title: str
    venue: str = ""
    arxiv: str = ""

    def __post_init__(self) -> None:
        if not re.fullmatch(r"[a-z]+\d{4}[a-z]+", self.key):
            raise ValueError(f"work key {self.key!r} must be surname + year + first title word, lower-case")
        if not self.authors or not self.title:
            raise ValueError(f"work {self.key} needs authors and a title")
        if self.arxiv and not re.fullmatch(r"\d{4}\.\d{4,5}", self.arxiv):
            raise ValueError(f"work {self.key}: {self.arxiv!r} is not an arXiv identifier")

    @property
    def short_authors(self) -> str:
        """``Goodfellow``, ``Arjovsky & Bottou``, ``Nowozin, Cseke & Tomioka``; ``Goodfellow et al.`` beyond three."""
        a = self.authors
        if len(a) == 1:
            return a[0]
        if len(a) > 3:
            return f"{a[0]} et al."
        return ", ".join(a[:-1]) + f" & {a[-1]}"

    def __str__(self) -> str:
        parts = [f"{self.short_authors} {self.year}", f"'{self.title}'"]
        if self.venue:
            parts.append(self.venue)
        if self.arxiv:
            parts.append(f"arXiv:{self.arxiv}")
        return ", ".join(parts)

    def at(self, where: str) -> str:
        """A reference to a place in the work: ``Goodfellow et al. 2014, '…', NeurIPS, arXiv:1406.2661, Theorem 1``."""
        return f"{self}, {where}"

    def bibtex(self) -> str:
        """A BibTeX entry: ``@article`` for a journal, ``@inproceedings`` for a conference, ``@misc`` otherwise."""
        kind = "misc"
        fields = {"author": " and ".join(self.authors), "title": f"{{{self.title}}}", "year": str(self.year)}
        if self.venue and any(w in self.venue for w in ("Trans.", "Journal", "Proc.", "Found.", "CVIU")):
            kind, fields["journal"] = "article", self.venue
        elif self.venue:
            kind, fields["booktitle"] = "inproceedings", self.venue
        if self.arxiv:
            fields.update(eprint=self.arxiv, archiveprefix="arXiv", url=f"https://arxiv.org/abs/{self.arxiv}")
        body = ",\n".join(f"  {k} = {{{v}}}" for k, v in fields.items())
        return f"@{kind}{{{self.key},\n{body}\n}}"


# The works below are the primary sources of the claims' mathematics and protocols.
GF14 = Work(
    "goodfellow2014generative",
    ("Goodfellow", "Pouget-Abadie", "Mirza", "Xu", "Warde-Farley", "Ozair", "Courville", "Bengio"),
    2014,
    "Generative Adversarial Nets",
    "NeurIPS",
    "1406.2661",
)
GF16 = Work(
    "goodfellow2016nips",
    ("Goodfellow",),
    2016,
    "NIPS 2016 Tutorial: Generative Adversarial Networks",
    arxiv="1701.00160",
)
AB17 = Work(
    "arjovsky2017towards",
    ("Arjovsky", "Bottou"),
    2017,
    "Towards Principled Methods for Training Generative Adversarial Networks",
    "ICLR",
    "1701.04862",
)
WGAN = Work(
    "arjovsky2017wasserstein", ("Arjovsky", "Chintala", "Bottou"), 2017, "Wasserstein GAN", "ICML", "1701.07875"
)
WGANGP = Work(
    "gulrajani2017improved",
    ("Gulrajani", "Ahmed", "Arjovsky", "Dumoulin", "Courville"),
    2017,
    "Improved Training of Wasserstein GANs",
    "NeurIPS",
    "1704.00028",
)
FGAN = Work(
    "nowozin2016fgan",
    ("Nowozin", "Cseke", "Tomioka"),
    2016,
    "f-GAN: Training Generative Neural Samplers using Variational Divergence Minimization",
    "NeurIPS",
    "1606.00709",
)
LSGAN = Work(
    "mao2017least",
    ("Mao", "Li", "Xie", "Lau", "Wang", "Smolley"),
    2017,
    "Least Squares Generative Adversarial Networks",
    "ICCV",
    "1611.04076",
)
MGN18 = Work(
    "mescheder2018which",
    ("Mescheder", "Geiger", "Nowozin"),
    2018,
    "Which Training Methods for GANs do actually Converge?",
    "ICML",
    "1801.04406",
)
MNG17 = Work(
    "mescheder2017numerics", ("Mescheder", "Nowozin", "Geiger"), 2017, "The Numerics of GANs", "NeurIPS", "1705.10461"
)
IMPROVED = Work(
    "salimans2016improved",
    ("Salimans", "Goodfellow", "Zaremba", "Cheung", "Radford", "Chen"),
    2016,
    "Improved Techniques for Training GANs",
    "NeurIPS",
    "1606.03498",
)
C2ST = Work(
    "lopezpaz2017revisiting",
    ("Lopez-Paz", "Oquab"),
    2017,
    "Revisiting Classifier Two-Sample Tests",
    "ICLR",
    "1610.06545",
)
TTUR = Work(
    "heusel2017gans",
    ("Heusel", "Ramsauer", "Unterthiner", "Nessler", "Hochreiter"),
    2017,
    "GANs Trained by a Two Time-Scale Update Rule Converge to a Local Nash Equilibrium",
    "NeurIPS",
    "1706.08500",
)
DCGAN = Work(
    "radford2016unsupervised",
    ("Radford", "Metz", "Chintala"),
    2016,
    "Unsupervised Representation Learning with Deep Convolutional Generative Adversarial Networks",
    "ICLR",
    "1511.06434",
)
ADAM = Work("kingma2015adam", ("Kingma", "Ba"), 2015, "Adam: A Method for Stochastic Optimization", "ICLR", "1412.6980")
LIN91 = Work(
    "lin1991divergence",
    ("Lin",),
    1991,
    "Divergence Measures Based on the Shannon Entropy",
    "IEEE Trans. Inf. Theory 37(1), 145–151",
)
ES03 = Work(
    "endres2003new",
    ("Endres", "Schindelin"),
    2003,
    "A New Metric for Probability Distributions",
    "IEEE Trans. Inf. Theory 49(7), 1858–1860",
)
UNROLLED = Work(
    "metz2017unrolled",
    ("Metz", "Poole", "Pfau", "Sohl-Dickstein"),
    2017,
    "Unrolled Generative Adversarial Networks",
    "ICLR",
    "1611.02163",
)
VEEGAN = Work(
    "srivastava2017veegan",
    ("Srivastava", "Valkov", "Russell", "Gutmann", "Sutton"),
    2017,
    "VEEGAN: Reducing Mode Collapse in GANs using Implicit Variational Learning",
    "NeurIPS",
    "1705.07761",
)
PACGAN = Work(
    "lin2018pacgan",
    ("Lin", "Khetan", "Fanti", "Oh"),
    2018,
    "PacGAN: The power of two samples in generative adversarial networks",
    "NeurIPS",
    "1712.04086",
)
PEYRE = Work(
    "peyre2019computational",
    ("Peyré", "Cuturi"),
    2019,
    "Computational Optimal Transport",
    "Found. Trends Mach. Learn.",
    "1803.00567",
)

# -- works cited by verify/claims/empirical.py
TANIELIAN = Work(
    "tanielian2020learning",
    ("Tanielian", "Issenhuth", "Dohmatob", "Mary"),
    2020,
    "Learning disconnected manifolds: a no GAN's land",
    "ICML",
    "2006.04596",
)

# -- works cited by verify/claims/empirical_modes.py
YAZICI = Work(
    "yazici2019unusual",
    ("Yazıcı", "Foo", "Winkler", "Yap", "Piliouras", "Chandrasekhar"),
    2019,
    "The Unusual Effectiveness of Averaging in GAN Training",
    "ICLR",
    "1806.04498",
)

# -- works cited by verify/claims/equilibrium.py
DEVROYE = Work(
    "devroye1996probabilistic",
    ("Devroye", "Györfi", "Lugosi"),
    1996,
    "A Probabilistic Theory of Pattern Recognition",
    "Springer",
)
SONDERBY = Work(
    "sonderby2017amortised",
    ("Sønderby", "Caballero", "Theis", "Shi", "Huszár"),
    2017,
    "Amortised MAP Inference for Image Super-resolution",
    "ICLR",
    "1610.04490",
)
BECK03 = Work(
    "beck2003mirror",
    ("Beck", "Teboulle"),
    2003,
    "Mirror descent and nonlinear projected subgradient methods for convex optimization",
    "Oper. Res. Lett. 31(3), 167–175",
)

#: Every work, by BibTeX key.
WORKS: dict[str, Work] = {w.key: w for w in list(globals().values()) if isinstance(w, Work)}


def work(key: str) -> Work:
    """The work with this BibTeX key.

    Raises
    ------
    KeyError
        If no work has the key; the message lists the nearest keys.
    """
    try:
        return WORKS[key]
    except KeyError:
        near = sorted(k for k in WORKS if k[:4] == key[:4]) or sorted(WORKS)[:5]
        raise KeyError(f"no work with key {key!r}; keys such as {', '.join(near)}") from None
