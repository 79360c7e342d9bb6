from odoo.tools.translate import TranslationImporter, get_po_paths


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
    """The index behind the pipeline's stale counts serves nothing without the
    module: drop it rather than slow down every write on the leads."""
    env.cr.execute("DROP INDEX IF EXISTS crm_lead_stale_count_index")
