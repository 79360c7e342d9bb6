"""Run by `odoo shell` on Odoo 19.0 and later (scripts/odoo-env.sh run_test_files):
the at_install tests of the test files $TEST_FILES (separated by spaces), on the
database's loaded registry, every installed module in it. From 19.0, --test-file
runs a file's post_install tests only. Prints Odoo's report line; failures are
logged as Odoo logs them."""

import os

from odoo.tests import loader
from odoo.tests.common import HttpCase
from odoo.tests.tag_selector import TagsSelector
from odoo.tools import config

paths = {os.path.abspath(path) for path in os.environ["TEST_FILES"].split()}
at_install = TagsSelector("at_install")
tests = [
    test
    for module_name in sorted({path.split(os.sep)[-3] for path in paths})
    for module in loader.get_test_modules(module_name)
    if os.path.abspath(module.__file__) in paths
    for test in loader.get_module_test_cases(module)
    # HTTP tests need the server: Odoo tags them post_install
    if at_install.check(test) and not isinstance(test, HttpCase)
]
config["test_enable"] = True
result = loader.run_suite(loader.OdooSuite(tests))
print(f"{result} when loading the registry (at_install tests)")
