import { z } from "zod";

export const region = "us-east-1";
export const mongodbUri = "mongodb+srv://svc_api:«A18»@cluster0.«a5».mongodb.net/prod?retryWrites=true&w=majority";

export const Config = z.object({ region: z.string() });
