/**
 * Vocabulary knowledge for equipment names: translations (es/pt/de), abbreviations,
 * synonyms, stop words and unit words. Everything is keyed by folded text (see text.ts).
 */

import { FOREIGN_PHRASES, FOREIGN_WORDS, compoundHead } from './vocabulary.js';

/** Multi-word phrases rewritten to canonical words before indexing or querying (both sides). */
const BASE_PHRASES: ReadonlyArray<readonly [string, string]> = [
  ['air handling unit', 'ahu'],
  ['air handler', 'ahu'],
  ['roof top unit', 'rtu'],
  ['rooftop unit', 'rtu'],
  ['make up air unit', 'mau'],
  ['makeup air unit', 'mau'],
  ['air make up unit', 'amu'],
  ['ponte rolante', 'ohc'],
  ['puente grua', 'ohc'],
  ['hallenkran', 'ohc'],
  ['yard dog', 'yard truck'],
  ['yard jockey', 'yard truck'],
  ['yard goat', 'yard truck'],
  ['terminal tractor', 'yard truck'],
  ['dock lock', 'vehicle restraint'],
  ['dok lock', 'vehicle restraint'],
  ['dok lok', 'vehicle restraint'],
  ['truck restraint', 'vehicle restraint'],
  ['air conditioning', 'ac'],
  ['air conditioner', 'ac'],
  ['ar condicionado', 'ac'],
  ['aire acondicionado', 'ac'],
  ['a c', 'ac'],
  ['walk in', 'walkin'],
  ['drive in', 'drivein'],
  ['power and free', 'power free'],
  ['print and apply', 'print apply'],
  ['fire alarm panel', 'facp'],
  ['fire alarm control panel', 'facp'],
  ['fire panel', 'facp'],
  ['maquina de hielo', 'ice machine'],
  ['maquina de gelo', 'ice machine'],
  ['sala de servidores', 'server room'],
  ['cuarto de servidores', 'server room'],
  ['sala de calderas', 'boiler room'],
  ['casa de bombas', 'pump house'],
  ['end of line', 'eol'],
  ['dish machine', 'dishwasher'],
  ['dish washer', 'dishwasher'],
  ['ice maker', 'ice machine'],
];

export const PHRASES: ReadonlyArray<readonly [string, string]> = [...BASE_PHRASES, ...FOREIGN_PHRASES];

/** Single words rewritten to a canonical word (translations, spelling variants, abbreviations). */
const BASE_WORDS: Readonly<Record<string, string>> = {
  // Spanish
  bomba: 'pump', montacargas: 'forklift', montacarga: 'forklift', compresor: 'compressor', compresora: 'compressor',
  caldera: 'boiler', prensa: 'press', puerta: 'door', portao: 'door', muelle: 'dock', celda: 'cell',
  cinta: 'conveyor', transportador: 'conveyor', transportadora: 'conveyor', banda: 'belt', maquina: 'machine',
  hielo: 'ice', comedor: 'canteen', ventilador: 'fan', horno: 'oven', grua: 'crane', ascensor: 'elevator',
  enfriador: 'chiller', soldadora: 'welder', planta: 'plant', oficina: 'office', oficinas: 'office',
  techo: 'roof', cargador: 'charger', bateria: 'battery', baterias: 'battery', generador: 'generator',
  cd: 'dc', servicio: 'service', servico: 'service', clinica: 'clinic', klinik: 'clinic', hospital: 'hospital', fabrica: 'factory', almacen: 'warehouse', armazem: 'warehouse',
  cocina: 'canteen', cozinha: 'canteen', kuche: 'canteen', kueche: 'canteen', hauptkuche: 'main canteen', hauptkueche: 'main canteen',
  spulmaschine: 'dishwasher', spuelmaschine: 'dishwasher', geschirrspuler: 'dishwasher', lavavajillas: 'dishwasher', lavaloucas: 'dishwasher',
  gefrierschrank: 'freezer', congelador: 'freezer', congelador_: 'freezer', kuhlraum: 'cooler', kuehlraum: 'cooler', camara: 'room',
  esterilizador: 'sterilizer', sterilisator: 'sterilizer', autoclave: 'sterilizer', aufzug_: 'elevator', montacargas_: 'forklift', calentador: 'heater', secador: 'dryer', secadora: 'dryer', enfriadora: 'chiller', torre: 'tower',
  robo: 'robot', linea: 'line', nave: 'hall', motor: 'motor', ventilacion: 'ventilation', extractor: 'exhaust',
  // Portuguese
  empilhadeira: 'forklift', empilhadeiras: 'forklift', caldeira: 'boiler', porta: 'door', doca: 'dock',
  celula: 'cell', esteira: 'conveyor', gelo: 'ice', refeitorio: 'canteen', forno: 'oven', elevador: 'elevator',
  sala: 'room', servidor: 'server', servidores: 'server', gerador: 'generator', telhado: 'roof',
  escritorio: 'office', compressora: 'compressor', bombas: 'pump', carregador: 'charger', secador_: 'dryer',
  resfriador: 'chiller', aquecedor: 'heater', exaustor: 'exhaust', galpao: 'hall', linha: 'line',
  // German
  pumpe: 'pump', gabelstapler: 'forklift', stapler: 'forklift', kompressor: 'compressor', verdichter: 'compressor',
  kessel: 'boiler', dampfkessel: 'boiler', presse: 'press', tor: 'door', roboter: 'robot', zelle: 'cell',
  halle: 'hall', foerderband: 'conveyor', forderband: 'conveyor', kran: 'crane', ofen: 'oven', luefter: 'fan',
  lufter: 'fan', ventilator: 'fan', antrieb: 'drive', umrichter: 'vfd', frequenzumrichter: 'vfd',
  kaeltemaschine: 'chiller', kaltemaschine: 'chiller', klimaanlage: 'ac', aufzug: 'elevator', ladegeraet: 'charger',
  ladegerat: 'charger', dach: 'roof', buero: 'office', buro: 'office', kantine: 'canteen', rampe: 'dock',
  hebebuehne: 'lift', hebebuhne: 'lift', schweissgeraet: 'welder', schweissgerat: 'welder', linie: 'line',
  lichtvorhang: 'lightcurtain', warmwasserbereiter: 'heater', notstromaggregat: 'generator', trockner: 'dryer',
  kuehlturm: 'tower', kuhlturm: 'tower', heizung: 'heater', abluftventilator: 'exhaust', motor_: 'motor',
  // English abbreviations and variants
  flt: 'forklift', fork: 'forklift', forktruck: 'forklift', comp: 'compressor', compr: 'compressor',
  leveller: 'leveler', levellers: 'leveler', gennie: 'generator', genset: 'generator', fridge: 'refrigerator',
  aircon: 'ac', hvls: 'hvls', lunchroom: 'canteen', cafeteria: 'canteen', breakroom: 'canteen', kitchen: 'canteen',
  mezz: 'mezzanine', maint: 'maintenance', elec: 'electrical', hyd: 'hydraulic', hydr: 'hydraulic',
  wwtp: 'wwt', bldg: 'building', rm: 'room', recieving: 'receiving', reciever: 'receiver', tonne: 'ton',
  tons: 'ton', t: 'ton', tonnes: 'ton', offices: 'office', rollup: 'rollup', rolltor: 'rollup door',
  schweissroboter: 'weld robot', sprinklerpumpe: 'sprinkler pump', feuerloeschpumpe: 'fire pump',
  brandmeldezentrale: 'facp', lift_: 'lift', kva: 'kva', kw: 'kw', hp: 'hp', chem: 'chemical',
  chlr: 'chiller', xfmr: 'transformer', xformer: 'transformer', gen: 'generator', htr: 'heater', cmpr: 'compressor',
  dryoff: 'dry off', washroom: 'restroom', bathroom: 'restroom', scrubber: 'scrubber',
};

export const WORDS: Readonly<Record<string, string>> = { ...FOREIGN_WORDS, ...BASE_WORDS };

/** Soft synonyms: a query word may match these doc words at a reduced weight. */
export const SOFT: Readonly<Record<string, readonly string[]>> = {
  vfd: ['drive', 'inverter', 'vsd'],
  vsd: ['vfd', 'drive'],
  drive: ['vfd', 'vsd'],
  inverter: ['vfd', 'drive'],
  elevator: ['lift'],
  lift: ['elevator', 'hoist'],
  hoist: ['crane'],
  crane: ['hoist', 'ohc'],
  ohc: ['crane'],
  generator: ['gen'],
  gen: ['generator'],
  heater: ['boiler'],
  fan: ['exhaust', 'ventilation'],
  exhaust: ['fan'],
  chiller: ['cooler'],
  cooler: ['chiller', 'refrigerator'],
  refrigerator: ['cooler'],
  sprinkler: ['fire'],
  crac: ['ac'],
  conveyor: ['belt'],
  belt: ['conveyor'],
  robot: ['robotic'],
  robotic: ['robot'],
  wrapper: ['wrap'],
  mill: ['milling'],
  office: ['offices'],
  dock: ['shipping', 'receiving'],
  rollup: ['door'],
  truck: ['forklift'],
  ac: ['crac', 'hvac', 'rtu'],
  sand: ['grit'],
  freight: ['goods', 'cargo'],
  goods: ['freight'],
  motor: ['drive'],
  feeder: ['feed'],
  fast: ['speed', 'rapid'],
  rapid: ['speed', 'fast'],
  quick: ['speed', 'rapid'],
  clean: ['pure'],
  pure: ['clean'],
};

/** Words that never identify equipment on their own. */
export const STOP = new Set<string>(
  (
    'the a an is are was were be been it its this that these those my our your their his her me i we you he she they ' +
    'and or but so to of on in at for under by near behind from inside next beside above below with without into onto over off ' +
    'el la los las un una de del en al por para con sin y o es esta este esa ese no se lo le ' +
    'os as um uma da do das dos na nas no nos em ao pela pelo com sem e ' +
    'der die das den dem des ein eine einer im am an auf bei von vom zum zur mit und oder ist hat steht ' +
    'again still just now pls please plz hey hi guys boss also too very really like some any all one ones thing things up'
  ).split(' '),
);
// "off" appears in "dry-off oven"; keep it indexable through the phrase rewrite "dryoff".

/** Connectors that join an equipment phrase to its qualifier ("pump in the boiler room"). */
export const CONNECTORS = new Set<string>(
  'on in at of for under by near behind from inside beside above below de del da do das dos en na no em im am an auf bei von vom zum zur der die das the el la los las o a'.split(' '),
);

/** Adjectives a technician adds that never appear in registries; matched if present, never required. */
export const OPTIONAL = new Set<string>(
  'big small little large old new main left right north south east west front rear back upper lower top bottom first second third last other whole entire primary standby spare'.split(' '),
);

/** Unit words: a number followed by one of these is a rating ("80 t", "150kva"), not an identifier. */
export const UNITS = new Set<string>(['ton', 'kva', 'kw', 'hp', 'gal', 'gpm', 'ft', 'l', 'kg', 'v', 'a', 'mm', 'in', 'bar', 'psi', 'c', 'f']);

/** Canonicalise one folded word (no phrase handling). */
const canonMemo = new Map<string, string>();

export function canonWord(w: string): string {
  const memo = canonMemo.get(w);
  if (memo !== undefined) return memo;
  const mapped = Object.prototype.hasOwnProperty.call(WORDS, w) ? WORDS[w] : undefined;
  const out = mapped !== undefined && !mapped.includes(' ') ? mapped : mapped === undefined ? (compoundHead(w) ?? stem(w)) : stem(w);
  if (canonMemo.size > 50_000) canonMemo.clear();
  canonMemo.set(w, out);
  return out;
}

/** Light plural stripping, identical on both sides. */
export function stem(w: string): string {
  if (w.length <= 3) return w;
  if (w.endsWith('ies') && w.length > 4) return w.slice(0, -3) + 'y';
  if (w.endsWith('sses')) return w.slice(0, -2);
  if (w.endsWith('ches') || w.endsWith('shes') || w.endsWith('xes')) return w.slice(0, -2);
  if (w.endsWith('s') && !w.endsWith('ss') && !w.endsWith('us') && !w.endsWith('is')) return w.slice(0, -1);
  return w;
}

/** Nouns that name equipment in general, so a mention of one is an asset even when the registry lacks it. */
export const EQUIPMENT = new Set<string>(
  (
    'toilet urinal sink faucet dryer microwave refrigerator freezer oven cooler machine printer cutter tunnel rack upright hmi ' +
    'pump motor compressor conveyor fan heater boiler chiller robot press lift forklift truck jack crane hoist generator welder ' +
    'charger scale wrapper baler compactor elevator escalator dishwasher fryer kettle vending tv monitor projector computer ' +
    'camera sensor valve controller tester marker washer grinder saw drill mill lathe tank filter ac rtu ahu vfd panel ' +
    'breaker transformer switchgear ups sorter scanner labeler door leveler restraint sweeper scrubber eyewash shower ' +
    'hood stove range grill mixer blender dispenser fountain cooler icemaker ice laser cnc plc robotcell cell booth ' +
    'curtain interlock gate opener barrier turnstile boiler burner dock feeder decoiler straightener destacker cushion ' +
    'bed stretcher wheelchair ventilator infusion autoclave sterilizer mri ct xray warmer cabinet unit freezer elevator lift ' +
    'filler capper palletizer depalletizer homogenizer pasteurizer evaporator condenser extruder slicer checkweigher detector ' +
    'seamer retort tumbler silo hopper auger blower fryer kettle thermostat ptac tv television minibar lamp fixture dishwasher ' +
    'escalator treadmill ironer extractor generator compactor ' +
    // equipment most registries leave out, so that a message naming one is told "not found" rather than matched to a place
    'copier photocopier shredder backhoe excavator loader tractor mower hydrant smartboard whiteboard centrifuge incubator ' +
    'toaster kiosk jetway trolley cart analyzer analyser meter transmitter probe shutoff manhole walkin coffee'
  ).split(' '),
);

/** A plural noun ("trucks", "bombas"): its singular reads as the same canonical word; "microondas" is singular. */
export function isPlural(raw: string, w: string): boolean {
  if (raw === w || !/s$/.test(raw)) return false;
  const sing = stem(raw);
  return sing !== raw && canonWord(sing) === w;
}

/** Head nouns that name a place, not equipment ("hall b", "the paint shop", "line 2", "the roof"). */
export const PLACE = new Set<string>(
  (
    'hall line shop room roof floor yard area bay building bldg office plant dc site warehouse aisle mezzanine zone cage house ' +
    'lab canteen locker restroom men mens women womens entrance exit parking lot lane wall ceiling fence corridor hallway ' +
    'stair stairs stairwell basement attic kitchen lobby pit side end ward wing floor suite kitchen dock docks ' +
    'ballroom lobby garage laundry deck gym corridor nave sala techo patio halle dach buro galpao andar piso'
  ).split(' '),
);

/** Words that usually describe a symptom even though registries use them in names ("leaking oil", "no hot water"). */
export const WEAK = new Set<string>(
  (
    'oil water hot cold air light lights power pressure temperature temp high low noise alarm fault leak leaking filter chain ' +
    'belt brake brakes seal bearing gas steam heat smoke fire spill ice part parts main new old tip tips wheel tire hose gear ' +
    'lock control safety test feed return supply drive service emergency electric electrical plant dc office hall line ' +
    'system unit station room area shop'
  ).split(' '),
);

/** Words that negate the noun after them: "no hot water" is a symptom, not the hot water pump. */
export const NEGATORS = new Set<string>(['no', 'sin', 'sem', 'kein', 'keine', 'without', 'zero']);

/** Words about work orders themselves, never about equipment. */
export const WO_WORDS = new Set<string>(
  'order orders orden ordenes ordem ordens work job jobs ticket tickets wo wos request requests task tasks auftrag auftrage'.split(' '),
);

/** Things people ask about that are not equipment ("the manual for", "the key to", "the password for"). */
export const INFO_WORDS = new Set<string>(
  'manual key password number procedure spec specs quote permit class schedule rep guy tech photo photos kit price cost code codes list history status progress news update'.split(' '),
);

/** Prepositions that put what follows as the place of what precedes. */
export const LOCATIVE = new Set(
  'by near next beside behind at on in outside inside above over under below opposite across junto cerca frente al en perto junto ao na no em ao lado bei neben am im an vor hinter uber unter'.split(' '),
);

/** Words joining alternatives ("weld cell 7 or 8 robot"). */
export const ALTERNATIVES = new Set<string>(['or', 'o', 'ou', 'oder', 'and', 'y', 'e', 'und']);
