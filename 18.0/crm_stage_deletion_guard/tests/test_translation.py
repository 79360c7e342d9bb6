import polib

from odoo.tests import TransactionCase, tagged
from odoo.tools.misc import file_path
from odoo.tools.translate import TranslationModuleReader

# Written the same in French: OCA's PO formatter leaves their msgstr empty, and
# Odoo then shows the source, which is the French word.
SAME_IN_FRENCH = {"ID"}


@tagged("post_install", "-at_install", "crm_stage_deletion_guard")
class TestTranslation(TransactionCase):
    def test_every_user_facing_string_has_its_french_translation(self):
        reader = TranslationModuleReader(self.env.cr, ["crm_stage_deletion_guard"])
        sources = {source for _module, _type, _name, _res_id, source, *_rest in reader}
        french = polib.pofile(file_path("crm_stage_deletion_guard/i18n/fr.po"))
        translated = {entry.msgid for entry in french if entry.msgstr}
        self.assertTrue(sources)
        self.assertEqual(
            sources - translated - SAME_IN_FRENCH, set(), "strings without French"
        )
