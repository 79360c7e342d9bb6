import polib

from odoo.tests import TransactionCase, tagged
from odoo.tools.misc import file_path
from odoo.tools.translate import TranslationModuleReader

MODULE = "crm_stage_stale"
# Written the same in French: OCA's PO formatter leaves their msgstr empty, and
# Odoo then shows the source, which is the French word.
SAME_IN_FRENCH = {"ID"}


@tagged("post_install", "-at_install", MODULE)
class TestTranslation(TransactionCase):
    def test_every_user_facing_string_has_its_french_translation(self):
        reader = TranslationModuleReader(self.env.cr, [MODULE])
        sources = {source for _module, _type, _name, _res_id, source, *_rest in reader}
        french = polib.pofile(file_path(f"{MODULE}/i18n/fr.po"))
        translated = {
            entry.msgid for entry in french if entry.msgstr and not entry.fuzzy
        }
        self.assertTrue(sources)
        self.assertEqual(
            sources - translated - SAME_IN_FRENCH, set(), "strings without French"
        )
        template = polib.pofile(file_path(f"{MODULE}/i18n/{MODULE}.pot"))
        self.assertEqual(
            sources - {entry.msgid for entry in template}, set(), "the .pot is stale"
        )
