"""gantheory: the mathematics of GANs in exact float64 numerics, sympy, and small torch models.

Modules
-------
divergences     KL, JS, total variation, χ², Hellinger and general f-divergences of pmfs
densities       1-D densities (Gaussian mixtures) with exact log-densities
quadrature      the same divergences and the GAN functionals for 1-D densities
discriminator   optimal discriminator, value function V(D, G), C(G), Bayes accuracy, LSGAN
losses          GAN losses from logits, with derivatives in D and in the logit
fdivergences    the f-divergence table of f-GAN (Nowozin et al. 2016): f, f*, dom f*, g_f, f'(1)
symbolic        sympy forms of the same objects
differences     the five-point central difference of a scalar function
bumps           the smooth compactly supported bump, for near-perfect discriminators
wasserstein     W1 (primal, dual) and the Fréchet distance between Gaussians
dirac           the Dirac-GAN of Mescheder et al. (2018): vector fields, spectra, simulations
flows           Goodfellow et al. (2014) Proposition 2: p_g following C(G) in function space
twosample       the classifier two-sample test (C2ST) of Lopez-Paz & Oquab (2017); t-tests across seeds
modes           mode coverage on Gaussian rings and grids (the VEEGAN/PacGAN protocol), per seed
strategies      Hypothesis strategies for pmfs, mixtures and logits
finite_differences  central-difference gradients of scalar functions of an array
nn              small torch GANs and a batched multi-seed trainer

No claims live here: the claims, their checks and verdicts are in the ``verify`` package.
"""

__version__ = "0.1.0"
