/**
 * What the pipeline tours share: the labels a sales administrator reads on
 * screen, in English and in French (a missing French translation fails the
 * French tour), the pipeline's columns, cards and column menu, and the tours'
 * registration in both languages. The data comes from
 * tests/test_pipeline_tours.py.
 */
import { registry } from "@web/core/registry";

export const LABELS = {
    en: {
        new: "New",
        estimate: "Estimate",
        visit: "Technical Visit",
        quote: "Quote",
        fold: "Fold",
        edit: "Edit",
        probability: "Probability (%)",
        onChange: "Change Probability Automatically",
        renamed: "Free Estimate",
        newColumn: "Financing",
    },
    fr: {
        new: "Nouveau",
        estimate: "Estimation",
        visit: "Visite Technique",
        quote: "Devis",
        fold: "Replier",
        edit: "Modifier",
        probability: "Probabilité (%)",
        onChange: "Changer automatiquement la probabilité",
        renamed: "Estimation gratuite",
        newColumn: "Financement",
    },
};

export const PIPELINE = ".o_opportunity_kanban";

export function column(title) {
    return `${PIPELINE} .o_kanban_group:has(.o_column_title:contains(/^${title}\\b/))`;
}

export function card(name) {
    return `.o_kanban_record:contains(${name})`;
}

/** Open a column's gear menu and pick one of its entries. */
export function columnMenu(title, entry) {
    return [
        {
            // the gear only shows while the pointer is over the column title
            content: `open the settings of the column ${title}`,
            trigger: `${column(title)} .o_kanban_header_title`,
            run: `hover && click ${column(title)} .o_group_config button`,
        },
        {
            content: `${entry}`,
            trigger: `.o-dropdown--group-config-menu .dropdown-item:contains(${entry})`,
            run: "click",
        },
    ];
}

/** Open an opportunity from the pipeline, read its probability, come back. */
export function checkProbability(name, probability) {
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

/** Register STEPS_BY_NAME's tours, in the languages TOURS_BY_LANG names. */
export function registerTours(stepsByName, toursByLang) {
    for (const [lang, names] of Object.entries(toursByLang)) {
        for (const name of names) {
            registry.category("web_tour.tours").add(`openfire_crm_stage_${name}_${lang}`, {
                steps: () => stepsByName[name](LABELS[lang]),
            });
        }
    }
}
