/** @odoo-module **/
/**
 * A sales administrator sets up stage automation from the stages themselves,
 * then a sales rep sees it work, in English and in French: the labels are what
 * the user reads, so a missing translation fails the French tour. The data
 * comes from tests/test_stage_automation_tours.py.
 */
import { registry } from "@web/core/registry";

const LABELS = {
    en: {
        new: "New",
        estimate: "Estimate",
        won: "Won",
        edit: "Edit",
        moveHere: "Move Opportunities Here When…",
        onEntry: "When an Opportunity Enters This Stage…",
        addLine: "Add a line",
        quoteConfirmed: "A quote is confirmed",
        planActivity: "Plan an activity",
        call: "Call",
        confirm: "Confirm",
        salesOrder: "Sales Order",
    },
    fr: {
        new: "Nouveau",
        estimate: "Estimation",
        won: "Gagné",
        edit: "Modifier",
        moveHere: "Amener les opportunités ici quand…",
        onEntry: "Quand une opportunité entre dans cette étape…",
        addLine: "Ajouter une ligne",
        quoteConfirmed: "Un devis est confirmé",
        planActivity: "Planifier une activité",
        call: "Appeler",
        confirm: "Confirmer",
        salesOrder: "Commande client",
    },
};

const PIPELINE = ".o_opportunity_kanban";

function column(title) {
    return `${PIPELINE} .o_kanban_group:has(.o_column_title:contains(/^${title}(\\s|$)/))`;
}

function card(name) {
    return `.o_kanban_record:contains(${name})`;
}

function editColumn(title, l) {
    return [
        {
            content: `open the settings of the column ${title}`,
            trigger: `${column(title)} .o_kanban_header_title`,
            run: `hover && click ${column(title)} .o_kanban_config button`,
        },
        {
            trigger: `.o-dropdown--kanban-config-menu .dropdown-item:contains(${l.edit})`,
            run: "click",
        },
    ];
}

function addLine(field, label) {
    return [
        {
            content: `the section ${label}`,
            trigger: `.modal .o_form_view label:contains(${label})`,
        },
        {
            trigger: `.modal div[name=${field}] .o_field_x2many_list_row_add a`,
            run: "click",
        },
    ];
}

function managerSteps(l) {
    return [
        ...editColumn(l.won, l),
        ...addLine("move_automation_ids", l.moveHere),
        {
            content: "opportunities come here when a quote is confirmed",
            trigger: ".modal div[name=move_automation_ids] .o_selected_row td[name=event] select",
            run: `selectByLabel ${l.quoteConfirmed}`,
        },
        { trigger: ".modal .o_form_button_save", run: "click" },
        { trigger: "body:not(:has(.modal))" },
        ...editColumn(l.estimate, l),
        ...addLine("entry_automation_ids", l.onEntry),
        {
            content: "an opportunity entering the stage gets an activity",
            trigger: ".modal div[name=entry_automation_ids] .o_selected_row td[name=entry_action] select",
            run: `selectByLabel ${l.planActivity}`,
        },
        {
            content: "a call",
            trigger: ".modal div[name=entry_automation_ids] .o_selected_row td[name=activity_type_id] input",
            run: `edit ${l.call}`,
        },
        {
            trigger: `.o-autocomplete--dropdown-item a:contains(/^${l.call}$/)`,
            run: "click",
        },
        {
            content: "in 2 days",
            trigger: ".modal div[name=entry_automation_ids] .o_selected_row td[name=delay_days] input",
            run: "edit 2",
        },
        { trigger: ".modal .o_form_button_save", run: "click" },
        { trigger: "body:not(:has(.modal))" },
    ];
}

function repSteps(l) {
    return [
        {
            content: "the rep moves an opportunity into the estimate column",
            trigger: `${column(l.new)} ${card("School fire alarm")}`,
            run: `drag_and_drop(${column(l.estimate)})`,
        },
        {
            content: "the call appears on its card",
            trigger: `${column(l.estimate)} ${card("School fire alarm")} .o-mail-ActivityButton i.fa-phone`,
        },
        {
            content: "open the opportunity whose quote the customer accepted",
            trigger: `${PIPELINE} ${card("Hotel smoke detectors")}`,
            run: "click",
        },
        {
            trigger: ".o_form_view .oe_stat_button:has(.o_stat_text:contains(/Quotation|Devis/))",
            run: "click",
        },
        {
            content: "the rep confirms it",
            trigger: `.o_form_view .o_statusbar_buttons button[name=action_confirm]:contains(${l.confirm})`,
            run: "click",
        },
        {
            content: "the quote is a sales order",
            trigger: `.o_form_view .o_statusbar_status .o_arrow_button_current:contains(${l.salesOrder})`,
        },
        { trigger: ".o_back_button", run: "click" },
        {
            content: "the opportunity is won",
            trigger: `.o_form_view .o_statusbar_status .o_arrow_button_current:contains(${l.won})`,
        },
    ];
}

for (const lang of ["en", "fr"]) {
    registry.category("web_tour.tours").add(`openfire_crm_stage_automation_manager_${lang}`, {
        steps: () => managerSteps(LABELS[lang]),
    });
    registry.category("web_tour.tours").add(`openfire_crm_stage_automation_rep_${lang}`, {
        steps: () => repSteps(LABELS[lang]),
    });
}
