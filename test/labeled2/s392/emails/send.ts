import { Resend } from "resend";

const resend = new Resend("re_«A8»_«A24»");
