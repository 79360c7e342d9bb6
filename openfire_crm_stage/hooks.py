from odoo.tools import SQL
from odoo.tools.translate import TranslationImporter, get_po_paths

from .report.crm_stage_duration import STORED_VISITS


def post_init_hook(env):
    """Odoo's stages renamed by this module (Qualified, Proposition) still carry
    their former translations (Qualifié…), which a normal translation load keeps:
    force the module's own ones, once, at installation."""
    importer = TranslationImporter(env.cr, verbose=False)
    for lang, _name in env["res.lang"].get_installed():
        if lang == "en_US":
            continue
        for po_path in get_po_paths("openfire_crm_stage", lang):
            importer.load_file(po_path, lang)
    importer.save(force_overwrite=True)


def uninstall_hook(env):
    """Odoo drops the report's view; the visits it stored are the module's."""
    env.cr.execute(
        SQL(
            "DROP MATERIALIZED VIEW IF EXISTS %s CASCADE", SQL.identifier(STORED_VISITS)
        )
    )
