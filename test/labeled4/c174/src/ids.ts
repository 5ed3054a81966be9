// ids we hand out: nanoid(21) for links, ULIDs for rows
export const exampleLinkId = "«u21»";
export const exampleRowId = "01JC8Z1K3M5N7P9Q2R4S6T8V0W";
