"""The claims of ``verify.claims.fine_print``: see tests/registry/claim_checks.py."""

from tests.registry.claim_checks import registry_tests

(
    test_verdict,
    test_every_control_is_refuted,
    test_a_failing_check_has_a_correction_that_holds,
    test_a_correction_is_refuted_in_its_controls,
    test_committed_report_agrees,
) = registry_tests("fine_print")
