/**
 * Deleting stages from the pipeline and from the stage list, in English, and
 * in French for the refusal's message: refused with the counts, then the
 * opportunities moved and the stage deleted. The data comes from
 * tests/test_pipeline_delete_tours.py; its stages keep their English names.
 */
import { registry } from "@web/core/registry";

const LABELS = {
    en: {
        delete: "Delete",
        close: "Close",
        actions: "Actions",
        refusal: "These stages still hold leads or opportunities and cannot be deleted",
        legacyCounts: "Legacy Stage: 0 active and 1 archived",
        followUpCounts: "Follow-up: 1 active and 1 archived",
        moveAndDelete: "Move Opportunities and Delete",
        moveAndDeleteButton: "Move and Delete",
    },
    fr: {
        delete: "Supprimer",
        close: "Fermer",
        actions: "Actions",
        refusal:
            "Ces étapes contiennent encore des pistes ou des opportunités et ne peuvent pas être supprimées",
        legacyCounts: "Legacy Stage : 0 active(s) et 1 archivée(s)",
        followUpCounts: "Follow-up : 1 active(s) et 1 archivée(s)",
        moveAndDelete: "Déplacer les opportunités et supprimer",
        moveAndDeleteButton: "Déplacer et supprimer",
    },
};
const PIPELINE = ".o_opportunity_kanban";
const TARGET = "Proposal";

function column(title) {
    return `${PIPELINE} .o_kanban_group:has(.o_column_title:contains(/^${title}\\b/))`;
}

function card(name) {
    return `.o_kanban_record:contains(${name})`;
}

/** Open a column's gear menu and pick one of its entries. */
function columnMenu(title, entry) {
    return [
        {
            // the gear only shows while the pointer is over the column title
            content: `open the settings of the column ${title}`,
            trigger: `${column(title)} .o_kanban_header_title`,
            run: `hover && click ${column(title)} .o_group_config button`,
        },
        {
            trigger: `.o-dropdown--group-config-menu .dropdown-item:contains(${entry})`,
            run: "click",
        },
    ];
}

/**
 * In the move-and-delete wizard: choose the target stage and confirm. From the
 * pipeline, the wizard reloads the page.
 */
function moveAndDeleteTo(stage, l, { reloads = false } = {}) {
    return [
        {
            content: `move the opportunities to ${stage}`,
            trigger: ".modal .o_field_widget[name=target_stage_id] input",
            run: `edit ${stage}`,
        },
        {
            trigger: `.o-autocomplete--dropdown-item a:contains(${stage})`,
            run: "click",
        },
        {
            trigger: `.modal button:contains(${l.moveAndDeleteButton})`,
            run: "click",
            expectUnloadPage: reloads,
        },
    ];
}

function refusedDeletionSteps(title, counts, l) {
    return [
        ...columnMenu(title, l.delete),
        { trigger: `.modal .btn-primary:contains(${l.delete})`, run: "click" },
        {
            content: "deletion is refused with the counts",
            trigger: `.modal .o_error_dialog:contains(${l.refusal}):contains(${counts})`,
        },
    ];
}

function deleteSteps(l) {
    return [
        ...refusedDeletionSteps("Legacy Stage", l.legacyCounts, l),
        { trigger: `.modal-footer .btn-secondary:contains(${l.close})`, run: "click" },
        {
            content: "the column holding only a lost opportunity is still there",
            trigger: `body:not(:has(.modal)) ${column("Legacy Stage")}`,
        },
        ...refusedDeletionSteps("Follow-up", l.followUpCounts, l),
        {
            content: "move its opportunities, then delete it",
            trigger: `.modal-footer .btn-primary:contains(${l.moveAndDelete})`,
            run: "click",
        },
        ...moveAndDeleteTo(TARGET, l, { reloads: true }),
        {
            content: "the column is gone",
            trigger: `body:not(:has(.modal)) ${PIPELINE}:not(:has(.o_column_title:contains(Follow-up)))`,
        },
        {
            content: "its opportunity moved",
            trigger: `${column(TARGET)} ${card("Car park sprinklers")}`,
        },
    ];
}

function stageListSteps(l) {
    return [
        {
            content: "select the stage holding a lost opportunity",
            trigger: ".o_list_view .o_data_row:contains(Legacy Stage) .o_list_record_selector input",
            run: "click",
        },
        { trigger: `.o_cp_action_menus button:contains(${l.actions})`, run: "click" },
        {
            trigger: `.o-dropdown--menu .dropdown-item:contains(${l.moveAndDelete})`,
            run: "click",
        },
        {
            content: "the wizard counts the lost opportunity",
            trigger: ".modal .o_field_widget[name=archived_lead_count]:contains(1)",
        },
        ...moveAndDeleteTo("Prospect", l),
        {
            content: "the stage is gone from the list",
            trigger: `body:not(:has(.modal)) .o_list_view:not(:has(.o_data_row:contains(Legacy Stage))) .o_data_row:contains(${TARGET})`,
        },
        {
            content: "open a stage holding an open and a lost opportunity",
            trigger: ".o_list_view .o_data_row:contains(Follow-up) td[name=name]",
            run: "click",
        },
        { trigger: ".o_form_view .o_field_widget[name=name] input:value(Follow-up)" },
        { content: "the form's gear menu", trigger: ".o_cp_action_menus button", run: "click" },
        {
            trigger: `.o-dropdown--menu .dropdown-item:contains(${l.moveAndDelete})`,
            run: "click",
        },
        {
            trigger: ".modal .o_field_widget[name=active_lead_count]:contains(1)",
        },
        ...moveAndDeleteTo(TARGET, l),
        {
            content: "back on the stages that remain",
            trigger: `body:not(:has(.modal)) .o_list_view:not(:has(.o_data_row:contains(Follow-up))) .o_data_row:contains(${TARGET})`,
        },
    ];
}

const TOURS = { delete: deleteSteps, stage_list: stageListSteps };
for (const [lang, names] of Object.entries({ en: ["delete", "stage_list"], fr: ["delete"] })) {
    for (const name of names) {
        registry.category("web_tour.tours").add(`crm_stage_deletion_guard_${name}_${lang}`, {
            steps: () => TOURS[name](LABELS[lang]),
        });
    }
}
