"""The kit's own error type.

Every bad input (an unknown field, a wrong type, a value out of range, a bad
cell in a table, a bad command-line argument) raises :class:`HipbackInputError`.
It subclasses both :class:`ValueError` and :class:`TypeError`, so code that
already catches either keeps working, and its message always names the field,
the value given and what is allowed.
"""

from __future__ import annotations

from collections.abc import Sequence


class HipbackInputError(ValueError, TypeError):
    """Bad input to the kit: the message names the field, the value and what is allowed.

    Attributes
    ----------
    problems : tuple of str
        One line per problem (a table with several bad cells lists them all).

    Examples
    --------
    >>> from hipback import Case, HipbackInputError
    >>> try:
    ...     Case(age=-3)
    ... except HipbackInputError as err:
    ...     print(err)
    age: -3 is out of range; allowed: a whole number from 18 to 110
    """

    def __init__(self, problems: str | Sequence[str]):
        if isinstance(problems, str):
            problems = (problems,)
        self.problems: tuple[str, ...] = tuple(problems)
        super().__init__("\n".join(self.problems))


# The short name used throughout the docs.
CaseError = HipbackInputError
