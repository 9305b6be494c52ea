import { installLanguageScope } from '../../src/wiring/language.js';

installLanguageScope();
