/**
 * Sets zod's English messages ("Too small: expected string to have >=1 characters"). The
 * project uses zod's small, tree-shakable build ("zod/mini"), which starts without any; import
 * this module before a schema is used. (The full zod build costs ~0.1 s of start-up.)
 */
import { config } from "zod/mini";
import en from "zod/v4/locales/en.js";

config(en());
