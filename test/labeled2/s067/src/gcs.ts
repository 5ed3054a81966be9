import { Storage } from "@google-cloud/storage";

const storage = new Storage({
  projectId: "acme-prod",
  credentials: {
    client_email: "deployer@acme-prod.iam.gserviceaccount.com",
    private_key: "«pemjson»",
  },
});

export default storage;
