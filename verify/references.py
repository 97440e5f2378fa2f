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

__all__ = ["CONFERENCES", "PUBLISHERS", "WORKS", "Work", "cited_works", "work"]

#: Venues that are conferences (a work there is ``@inproceedings``), and publishers of books (``@book``);
#: any other venue is a journal (``@article``).
CONFERENCES = frozenset({"NeurIPS", "ICLR", "ICML", "ICCV", "CVPR", "SSVM"})
PUBLISHERS = frozenset({"Springer", "Wiley"})


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

    @property
    def entry_type(self) -> str:
        """``inproceedings`` at a conference (:data:`CONFERENCES`), ``book`` from a publisher
        (:data:`PUBLISHERS`), ``article`` in any other venue (a journal), ``misc`` without one."""
        if not self.venue:
            return "misc"
        if self.venue.split()[0] in CONFERENCES:
            return "inproceedings"
        return "book" if self.venue in PUBLISHERS else "article"

    def bibtex(self) -> str:
        """A BibTeX entry of :attr:`entry_type`, with the arXiv identifier as ``eprint`` where there is one."""
        kind = self.entry_type
        fields = {"author": " and ".join(self.authors), "title": f"{{{self.title}}}", "year": str(self.year)}
        venue_field = {"inproceedings": "booktitle", "book": "publisher", "article": "journal"}.get(kind)
        if venue_field:
            fields[venue_field] = self.venue
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

# -- works cited by verify/claims/fdivergences.py
CSISZAR67 = Work(
    "csiszar1967information",
    ("Csiszár",),
    1967,
    "Information-type measures of difference of probability distributions and indirect observations",
    "Studia Sci. Math. Hungar. 2, 299–318",
)
ALISILVEY66 = Work(
    "ali1966general",
    ("Ali", "Silvey"),
    1966,
    "A General Class of Coefficients of Divergence of One Distribution from Another",
    "Journal of the Royal Statistical Society, Series B 28(1), 131–142",
)
NWJ10 = Work(
    "nguyen2010estimating",
    ("Nguyen", "Wainwright", "Jordan"),
    2010,
    "Estimating Divergence Functionals and the Likelihood Ratio by Convex Risk Minimization",
    "IEEE Trans. Inf. Theory 56(11), 5847–5861",
)
# -- works cited by verify/claims/code_audits.py
BIMODALITY = Work(
    "schilling2002is",
    ("Schilling", "Watkins", "Watkins"),
    2002,
    "Is Human Height Bimodal?",
    "The American Statistician 56(3), 223–229",
)
MNIST = Work(
    "lecun1998gradient",
    ("LeCun", "Bottou", "Bengio", "Haffner"),
    1998,
    "Gradient-Based Learning Applied to Document Recognition",
    "Proc. IEEE 86(11), 2278–2324",
)
LEAKY_RELU = Work(
    "maas2013rectifier",
    ("Maas", "Hannun", "Ng"),
    2013,
    "Rectifier Nonlinearities Improve Neural Network Acoustic Models",
    "ICML Workshop on Deep Learning for Audio, Speech and Language Processing",
)
DROPOUT = Work(
    "srivastava2014dropout",
    ("Srivastava", "Hinton", "Krizhevsky", "Sutskever", "Salakhutdinov"),
    2014,
    "Dropout: A Simple Way to Prevent Neural Networks from Overfitting",
    "Journal of Machine Learning Research 15, 1929–1958",
)
# -- works cited by verify/claims/gradients.py
GF14B = Work(
    "goodfellow2014distinguishability",
    ("Goodfellow",),
    2014,
    "On distinguishability criteria for estimating generative models",
    arxiv="1412.6515",
)

# -- works cited by verify/claims/transport.py
VILLANI = Work("villani2009optimal", ("Villani",), 2009, "Optimal Transport: Old and New", "Springer")
MULLER97 = Work(
    "muller1997integral",
    ("Müller",),
    1997,
    "Integral probability metrics and their generating classes of functions",
    "Adv. Appl. Probab. 29(2)",
)
SRIPERUMBUDUR12 = Work(
    "sriperumbudur2012empirical",
    ("Sriperumbudur", "Fukumizu", "Gretton", "Schölkopf", "Lanckriet"),
    2012,
    "On the empirical estimation of integral probability metrics",
    "Electron. J. Statist. 6",
)
DOWSON82 = Work(
    "dowson1982frechet",
    ("Dowson", "Landau"),
    1982,
    "The Fréchet distance between multivariate normal distributions",
    "J. Multivariate Anal. 12",
)
GIVENS84 = Work(
    "givens1984class",
    ("Givens", "Shortt"),
    1984,
    "A class of Wasserstein metrics for probability distributions",
    "Michigan Math. J. 31",
)
SAJJADI18 = Work(
    "sajjadi2018assessing",
    ("Sajjadi", "Bachem", "Lucic", "Bousquet", "Gelly"),
    2018,
    "Assessing Generative Models via Precision and Recall",
    "NeurIPS",
    "1806.00035",
)
KYNKAANNIEMI19 = Work(
    "kynkaanniemi2019improved",
    ("Kynkäänniemi", "Karras", "Laine", "Lehtinen", "Aila"),
    2019,
    "Improved Precision and Recall Metric for Assessing Generative Models",
    "NeurIPS",
    "1904.06991",
)
STYLEGAN = Work(
    "karras2019style",
    ("Karras", "Laine", "Aila"),
    2019,
    "A Style-Based Generator Architecture for Generative Adversarial Networks",
    "CVPR",
    "1812.04948",
)
PGGAN = Work(
    "karras2018progressive",
    ("Karras", "Aila", "Laine", "Lehtinen"),
    2018,
    "Progressive Growing of GANs for Improved Quality, Stability, and Variation",
    "ICLR",
    "1710.10196",
)
RABIN11 = Work(
    "rabin2011wasserstein",
    ("Rabin", "Peyré", "Delon", "Bernot"),
    2011,
    "Wasserstein Barycenter and its Application to Texture Mixing",
    "SSVM",
)
BARRATT18 = Work("barratt2018note", ("Barratt", "Sharma"), 2018, "A Note on the Inception Score", arxiv="1801.01973")

# -- works cited by verify/claims/jensen_shannon.py
COVER06 = Work("cover2006elements", ("Cover", "Thomas"), 2006, "Elements of Information Theory", "Wiley")
OV03 = Work(
    "osterreicher2003new",
    ("Österreicher", "Vajda"),
    2003,
    "A new class of metric divergences on probability spaces and its applicability in statistics",
    "Ann. Inst. Statist. Math. 55(3), 639–653",
)

# -- works cited by verify/claims/practice.py
SAGAN = Work(
    "zhang2019self",
    ("Zhang", "Goodfellow", "Metaxas", "Odena"),
    2019,
    "Self-Attention Generative Adversarial Networks",
    "ICML",
    "1805.08318",
)
SN = Work(
    "miyato2018spectral",
    ("Miyato", "Kataoka", "Koyama", "Yoshida"),
    2018,
    "Spectral Normalization for Generative Adversarial Networks",
    "ICLR",
    "1802.05957",
)
BIGGAN = Work(
    "brock2019large",
    ("Brock", "Donahue", "Simonyan"),
    2019,
    "Large Scale GAN Training for High Fidelity Natural Image Synthesis",
    "ICLR",
    "1809.11096",
)
ADAIN = Work(
    "huang2017arbitrary",
    ("Huang", "Belongie"),
    2017,
    "Arbitrary Style Transfer in Real-time with Adaptive Instance Normalization",
    "ICCV",
    "1703.06868",
)
BN = Work(
    "ioffe2015batch",
    ("Ioffe", "Szegedy"),
    2015,
    "Batch Normalization: Accelerating Deep Network Training by Reducing Internal Covariate Shift",
    "ICML",
    "1502.03167",
)
LN = Work("ba2016layer", ("Ba", "Kiros", "Hinton"), 2016, "Layer Normalization", arxiv="1607.06450")
IN = Work(
    "ulyanov2016instance",
    ("Ulyanov", "Vedaldi", "Lempitsky"),
    2016,
    "Instance Normalization: The Missing Ingredient for Fast Stylization",
    arxiv="1607.08022",
)
CGAN = Work(
    "mirza2014conditional", ("Mirza", "Osindero"), 2014, "Conditional Generative Adversarial Nets", arxiv="1411.1784"
)
CYCLEGAN = Work(
    "zhu2017unpaired",
    ("Zhu", "Park", "Isola", "Efros"),
    2017,
    "Unpaired Image-to-Image Translation using Cycle-Consistent Adversarial Networks",
    "ICCV",
    "1703.10593",
)
PIX2PIX = Work(
    "isola2017image",
    ("Isola", "Zhu", "Zhou", "Efros"),
    2017,
    "Image-to-Image Translation with Conditional Adversarial Networks",
    "CVPR",
    "1611.07004",
)
SRGAN = Work(
    "ledig2017photo",
    (
        "Ledig",
        "Theis",
        "Huszár",
        "Caballero",
        "Cunningham",
        "Acosta",
        "Aitken",
        "Tejani",
        "Totz",
        "Wang",
        "Shi",
    ),
    2017,
    "Photo-Realistic Single Image Super-Resolution Using a Generative Adversarial Network",
    "CVPR",
    "1609.04802",
)
EBGAN = Work(
    "zhao2017energy",
    ("Zhao", "Mathieu", "LeCun"),
    2017,
    "Energy-based Generative Adversarial Network",
    "ICLR",
    "1609.03126",
)
LUCIC = Work(
    "lucic2018are",
    ("Lucic", "Kurach", "Michalski", "Gelly", "Bousquet"),
    2018,
    "Are GANs Created Equal? A Large-Scale Study",
    "NeurIPS",
    "1711.10337",
)
ARORA = Work(
    "arora2017generalization",
    ("Arora", "Ge", "Liang", "Ma", "Zhang"),
    2017,
    "Generalization and Equilibrium in Generative Adversarial Nets (GANs)",
    "ICML",
    "1703.00573",
)
BORJI = Work("borji2019pros", ("Borji",), 2019, "Pros and Cons of GAN Evaluation Measures", "CVIU", "1802.03446")
THEIS = Work(
    "theis2016note",
    ("Theis", "van den Oord", "Bethge"),
    2016,
    "A note on the evaluation of generative models",
    "ICLR",
    "1511.01844",
)
VAE = Work("kingma2014auto", ("Kingma", "Welling"), 2014, "Auto-Encoding Variational Bayes", "ICLR", "1312.6114")
DDPM = Work(
    "ho2020denoising",
    ("Ho", "Jain", "Abbeel"),
    2020,
    "Denoising Diffusion Probabilistic Models",
    "NeurIPS",
    "2006.11239",
)
NGJORDAN = Work(
    "ng2002discriminative",
    ("Ng", "Jordan"),
    2002,
    "On Discriminative vs. Generative Classifiers: A comparison of logistic regression and naive Bayes",
    "NeurIPS 14",
)
INTERFACE = Work(
    "shen2020interpreting",
    ("Shen", "Gu", "Tang", "Zhou"),
    2020,
    "Interpreting the Latent Space of GANs for Semantic Face Editing",
    "CVPR",
    "1907.10786",
)
BISHOP06 = Work("bishop2006pattern", ("Bishop",), 2006, "Pattern Recognition and Machine Learning", "Springer")

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


def cited_works(reference: str) -> tuple[Work, ...]:
    """The works a claim's reference string cites, in its order (none for documentation or code).

    A reference written from a :class:`Work` starts with ``str(work)`` (``work.at(...)`` appends
    the place), and several are joined by ``"; "``; in each part the longest such prefix wins, so a
    work whose description extends another's is found as itself.
    """
    found = []
    for part in reference.split("; "):
        ends = [w for w in WORKS.values() if part.startswith(str(w)) and part[len(str(w)) :][:1] in ("", ",", " ")]
        if ends:
            found.append(max(ends, key=lambda w: len(str(w))))
    return tuple(found)
