export * from './lang.js';
export { currentLanguage, inLanguage, localized, useLanguageScope, type Catalog, type LanguageScope } from './scope.js';
export { languageOfPerson } from './person.js';
