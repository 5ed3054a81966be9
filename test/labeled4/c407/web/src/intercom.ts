window.intercomSettings = { api_base: "https://api-iam.intercom.io", app_id: "«a8»" };
export const segmentWriteKeyIsPublic = true;
