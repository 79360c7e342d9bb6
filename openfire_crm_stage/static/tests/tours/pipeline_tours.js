/** @odoo-module **/
/**
 * The pipeline as a sales administrator works it, in English, and in French
 * where French shows what English can't (TOURS_BY_LANG): the labels below are
 * what the user must read on screen, so a missing French translation fails the
 * French tour.
 * The data comes from tests/test_pipeline_tours.py.
 */
import { registry } from "@web/core/registry";

const LABELS = {
    en: {
        new: "New",
        estimate: "Estimate",
        visit: "Technical Visit",
        quote: "Quote",
        fold: "Fold",
        edit: "Edit",
        delete: "Delete",
        close: "Close",
        probability: "Probability (%)",
        onChange: "Change Probability Automatically",
        renamed: "Free Estimate",
        newColumn: "Financing",
        refusal: "These stages still hold leads or opportunities and cannot be deleted",
        legacyCounts: "Legacy Stage: 0 active and 1 archived",
        followUpCounts: "Follow-up: 1 active and 1 archived",
        moveAndDelete: "Move Opportunities and Delete",
        moveAndDeleteButton: "Move and Delete",
        actions: "Actions",
    },
    fr: {
        new: "Nouveau",
        estimate: "Estimation",
        visit: "Visite Technique",
        quote: "Devis",
        fold: "Replier",
        edit: "Modifier",
        delete: "Supprimer",
        close: "Fermer",
        probability: "Probabilité (%)",
        onChange: "Changer automatiquement la probabilité",
        renamed: "Estimation gratuite",
        newColumn: "Financement",
        refusal:
            "Ces étapes contiennent encore des pistes ou des opportunités et ne peuvent pas être supprimées",
        legacyCounts: "Legacy Stage : 0 active(s) et 1 archivée(s)",
        followUpCounts: "Follow-up : 1 active(s) et 1 archivée(s)",
        moveAndDelete: "Déplacer les opportunités et supprimer",
        moveAndDeleteButton: "Déplacer et supprimer",
        actions: "Actions",
    },
};

const PIPELINE = ".o_opportunity_kanban";

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
            run: `hover && click ${column(title)} .o_kanban_config button`,
        },
        {
            content: `${entry}`,
            trigger: `.o-dropdown--kanban-config-menu .dropdown-item:contains(${entry})`,
            run: "click",
        },
    ];
}

/** Open an opportunity from the pipeline, read its probability, come back. */
function checkProbability(name, probability) {
    return [
        {
            content: `open ${name}`,
            trigger: `${PIPELINE} ${card(name)}`,
            run: "click",
        },
        {
            content: `${name} is at ${probability}%`,
            trigger: `.o_form_view .o_field_widget[name=probability] input:value(/^${probability}\\D00$/)`,
        },
        {
            content: "back to the pipeline",
            trigger: ".o_back_button",
            run: "click",
        },
        { trigger: PIPELINE },
    ];
}

/** In the move-and-delete wizard: choose the target stage and confirm. */
function moveAndDeleteTo(stage, l) {
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
        },
    ];
}

function dragSteps(l) {
    return [
        {
            content: "move the school's alarm to the estimate column",
            trigger: `${column(l.new)} ${card("School fire alarm")}`,
            run: `drag_and_drop(${column(l.estimate)})`,
        },
        { trigger: `${column(l.estimate)} ${card("School fire alarm")}` },
        ...checkProbability("School fire alarm", 30),
        {
            content: "move it on to a column that leaves the probability alone",
            trigger: `${column(l.estimate)} ${card("School fire alarm")}`,
            run: `drag_and_drop(${column("Negotiation")})`,
        },
        { trigger: `${column("Negotiation")} ${card("School fire alarm")}` },
        ...checkProbability("School fire alarm", 30),
    ];
}

function columnSteps(l) {
    return [
        ...columnMenu(l.estimate, l.edit),
        {
            content: "the stage form speaks the user's language",
            trigger: `.modal .o_form_view:contains(${l.probability}):contains(${l.onChange})`,
        },
        {
            content: "rename the column",
            trigger: ".modal .o_field_widget[name=name] input",
            run: `edit ${l.renamed}`,
        },
        {
            content: "give it 35%",
            trigger: ".modal .o_field_widget[name=probability] input",
            run: "edit 35",
        },
        {
            content: "reserve it for the user's team",
            trigger: ".modal .o_field_widget[name=team_id] input",
            run: "edit Brittany",
        },
        {
            trigger: ".o-autocomplete--dropdown-item a:contains(Brittany installers)",
            run: "click",
        },
        { trigger: ".modal .o_form_button_save", run: "click" },
        {
            content: "the column shows its new name",
            trigger: `${column(l.renamed)} ${card("Warehouse sprinklers")}`,
        },
        ...checkProbability("Warehouse sprinklers", 35),
        {
            content: "add a column",
            trigger: `${PIPELINE} .o_kanban_add_column`,
            run: "click",
        },
        {
            trigger: `${PIPELINE} .o_column_quick_create input`,
            run: `edit ${l.newColumn}`,
        },
        { trigger: `${PIPELINE} .o_column_quick_create .o_kanban_add`, run: "click" },
        { trigger: column(l.newColumn) },
        ...columnMenu(l.newColumn, l.edit),
        {
            content: "give the new column 60%",
            trigger: ".modal .o_field_widget[name=probability] input",
            run: "edit 60",
        },
        {
            content: "opportunities entering it take that value",
            trigger: ".modal .o_field_widget[name=on_change] input",
            run: "check",
        },
        { trigger: ".modal .o_form_button_save", run: "click" },
        { trigger: "body:not(:has(.modal))" },
        {
            trigger: `${column(l.quote)} ${card("Hotel smoke detectors")}`,
            run: `drag_and_drop(${column(l.newColumn)})`,
        },
        { trigger: `${column(l.newColumn)} ${card("Hotel smoke detectors")}` },
        ...checkProbability("Hotel smoke detectors", 60),
    ];
}

function foldSteps(l) {
    return [
        ...columnMenu(l.visit, l.fold),
        {
            content: "the folded column keeps its count",
            trigger: `${PIPELINE} .o_column_folded:contains(${l.visit}):contains((1))`,
        },
        { trigger: `${PIPELINE} .o_column_folded:contains(${l.visit})`, run: "click" },
        {
            content: "open again, with its opportunity",
            trigger: `${column(l.visit)}:not(.o_column_folded) ${card("Town hall extinguishers")}`,
        },
        ...columnMenu(l.visit, l.edit),
        {
            content: "fold it for everyone",
            trigger: ".modal .o_field_widget[name=fold] input",
            run: "check",
        },
        { trigger: ".modal .o_form_button_save", run: "click" },
        {
            content: "the next visit of the pipeline shows it folded",
            trigger: "body:not(:has(.modal))",
            run() {
                window.location.reload();
            },
        },
        {
            trigger: `${PIPELINE} .o_column_folded:contains(${l.visit}):contains((1))`,
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
        ...moveAndDeleteTo(l.quote, l),
        {
            content: "the column is gone",
            trigger: `body:not(:has(.modal)) ${PIPELINE}:not(:has(.o_column_title:contains(Follow-up)))`,
        },
        {
            content: "its opportunity moved",
            trigger: `${column(l.quote)} ${card("Car park sprinklers")}`,
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
        ...moveAndDeleteTo(l.new, l),
        {
            content: "the stage is gone from the list",
            trigger: `body:not(:has(.modal)) .o_list_view:not(:has(.o_data_row:contains(Legacy Stage))) .o_data_row:contains(${l.quote})`,
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
        ...moveAndDeleteTo(l.quote, l),
        {
            content: "back on the stages that remain",
            trigger: `body:not(:has(.modal)) .o_list_view:not(:has(.o_data_row:contains(Follow-up))) .o_data_row:contains(${l.quote})`,
        },
    ];
}

const TOURS = {
    drag: dragSteps,
    column: columnSteps,
    fold: foldSteps,
    delete: deleteSteps,
    stage_list: stageListSteps,
};

// French where it shows what English can't: the module's labels and messages
const TOURS_BY_LANG = {
    en: ["drag", "column", "fold", "delete", "stage_list"],
    fr: ["column", "delete"],
};

for (const [lang, names] of Object.entries(TOURS_BY_LANG)) {
    for (const name of names) {
        registry.category("web_tour.tours").add(`openfire_crm_stage_${name}_${lang}`, {
            steps: () => TOURS[name](LABELS[lang]),
        });
    }
}
