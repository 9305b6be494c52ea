/**
 * A bilingual maintenance vocabulary: everyday Spanish, Portuguese and German words for equipment, parts
 * of buildings and places, mapped to the English words registries use ("la bomba de la piscina" meets
 * "Pool Pump P-2", "die Spülmaschine" meets "Dishwasher"). Keys are folded (lower case, no accents,
 * ß → ss); values are canonical English words (singular). German compounds not listed are split by
 * their last noun (see compoundHead): "Bodenheizungspumpe" is a pump.
 */

/** Single words. */
export const FOREIGN_WORDS: Readonly<Record<string, string>> = {
  // Spanish
  bombas: 'pump', motobomba: 'pump', enfriadores: 'chiller', calderas: 'boiler', calentadores: 'heater', calefactor: 'heater',
  soplador: 'blower', sopladores: 'blower', ventiladores: 'fan', extractora: 'exhaust', campana: 'hood', puertas: 'door',
  porton: 'gate', barrera: 'barrier', pluma: 'barrier', talanquera: 'barrier', escalera: 'escalator', escaleras: 'escalator',
  elevadores: 'elevator', ascensores: 'elevator', montacarga_: 'forklift', carretilla: 'forklift', carretillas: 'forklift',
  retractil: 'reach', transpaleta: 'pallet', apiladora: 'stacker', compactadora: 'compactor', compactador: 'compactor',
  empacadora: 'baler', embaladora: 'baler', prensadora: 'baler', bascula: 'scale', balanza: 'scale', rebanadora: 'slicer',
  cortadora: 'slicer', freidora: 'fryer', horno_: 'oven', estufa: 'stove', plancha: 'grill', cafetera: 'coffee',
  microondas: 'microwave', nevera: 'refrigerator', refrigerador: 'refrigerator', heladera: 'refrigerator', congeladora: 'freezer',
  lavaplatos: 'dishwasher', lavadora: 'washer', lavadoras: 'washer', secadoras: 'dryer', lavamanos: 'sink', lavabo: 'sink',
  fregadero: 'sink', grifo: 'faucet', llave_: 'faucet', inodoro: 'toilet', sanitario: 'toilet', urinario: 'urinal',
  bebedero: 'fountain', fuente: 'fountain', calentador_: 'heater', termotanque: 'heater', tanque: 'tank', deposito: 'tank',
  cisterna: 'tank', valvula: 'valve', valvulas: 'valve', medidor: 'meter', contador: 'meter', sensor: 'sensor', sonda: 'probe',
  tablero: 'panel', panel: 'panel', cuadro: 'panel', interruptor: 'breaker', transformador: 'transformer', generadores: 'generator',
  planta_: 'generator', luz: 'light', luces: 'light', lampara: 'lamp', lamparas: 'lamp', foco: 'light', focos: 'light',
  fluorescente: 'light', alumbrado: 'light', reflector: 'light', detector: 'detector', detectores: 'detector', humo: 'smoke',
  alarma: 'alarm', incendio: 'fire', rociador: 'sprinkler', rociadores: 'sprinkler', hidrante: 'hydrant', extintor: 'extinguisher',
  cargadores: 'charger', cinta_: 'conveyor', transportadores: 'conveyor', carrusel: 'carousel', tolva: 'hopper', mezclador: 'mixer',
  mezcladora: 'mixer', batidora: 'mixer', centrifuga: 'centrifuge', incubadora: 'incubator', incubador: 'incubator',
  autoclave_: 'sterilizer', liofilizador: 'lyophilizer', etiquetadora: 'labeler', llenadora: 'filler', tapadora: 'capper',
  selladora: 'sealer', tableteadora: 'press', encapsuladora: 'encapsulator', clarificador: 'clarifier', espesador: 'thickener',
  digestor: 'digester', filtro: 'filter', filtros: 'filter', intercambiador: 'exchanger', enfriamiento: 'cooling',
  compresores: 'compressor', aire: 'air', agua: 'water', caliente: 'hot', fria: 'cold', frio: 'cold', helada: 'chilled',
  piscina: 'pool', alberca: 'pool', estacionamiento: 'parking', parqueadero: 'parking', cuarto: 'room', habitacion: 'room',
  pasillo: 'corridor', bano: 'restroom', banos: 'restroom', vestuario: 'locker', sotano: 'basement', azotea: 'roof',
  edificio: 'building', tienda: 'store', sucursal: 'store', almacen_: 'warehouse', bodega: 'warehouse', laboratorio: 'lab',
  escuela: 'school', gimnasio: 'gym', biblioteca: 'library', taller: 'shop', entrada: 'entrance', salida: 'exit',
  puente: 'bridge', pasarela: 'bridge', muelles: 'dock', anden: 'dock', rampa: 'ramp', niveladora: 'leveler', nivelador: 'leveler',
  camion: 'truck', autobus: 'bus', fotocopiadora: 'copier', impresora: 'printer', cortina: 'curtain', persiana: 'shutter',
  tuberia: 'pipe', tubo: 'pipe', drenaje: 'drain', desague: 'drain', cerradura: 'lock', manija: 'handle', ducha: 'shower',
  lavaojos: 'eyewash', camara_: 'room', congelacion: 'freezer', tunel: 'tunnel', vitrina: 'case', exhibidor: 'case',
  // Portuguese
  bomba_: 'pump', resfriamento: 'cooling', arrefecimento: 'cooling', geladeira: 'refrigerator', refrigerador_: 'refrigerator',
  congelador__: 'freezer', freezer: 'freezer', lavaloucas_: 'dishwasher', lavadora_: 'washer', maquina_: 'machine',
  bebedouro: 'fountain', torneira: 'faucet', pia: 'sink', vaso: 'toilet', mictorio: 'urinal', chuveiro: 'shower',
  aquecedores: 'heater', caldeiras: 'boiler', ventilacao: 'ventilation', exaustores: 'exhaust', soprador: 'blower',
  ventilador_: 'fan', portao: 'gate', portoes: 'gate', cancela: 'barrier', catraca: 'turnstile', escada: 'escalator',
  rolante: 'escalator', esteiras: 'conveyor', transportadora_: 'conveyor', empilhador: 'forklift', paleteira: 'pallet',
  compactadora_: 'compactor', prensa_: 'press', enfardadeira: 'baler', balanca: 'scale', fatiador: 'slicer', fatiadora: 'slicer',
  fritadeira: 'fryer', fogao: 'stove', chapa: 'grill', cafeteira: 'coffee', microondas_: 'microwave', forno_: 'oven',
  quadro: 'panel', painel: 'panel', disjuntor: 'breaker', transformador_: 'transformer', nobreak: 'ups', luzes: 'light',
  lampada: 'lamp', lampadas: 'lamp', luminaria: 'light', refletor: 'light', detetor: 'detector', fumaca: 'smoke',
  alarme: 'alarm', incendio_: 'fire', hidrante_: 'hydrant', extintor_: 'extinguisher', carregadores: 'charger',
  tanques: 'tank', reservatorio: 'tank', caixa: 'box', valvulas_: 'valve', medidor_: 'meter', hidrometro: 'meter',
  misturador: 'mixer', batedeira: 'mixer', centrifuga_: 'centrifuge', incubadora_: 'incubator', liofilizador_: 'lyophilizer',
  rotuladora: 'labeler', envasadora: 'filler', tampadora: 'capper', seladora: 'sealer', granulador: 'granulator',
  encapsuladora_: 'encapsulator', decantador: 'clarifier', clarificador_: 'clarifier', adensador: 'thickener',
  digestor_: 'digester', filtro_: 'filter', trocador: 'exchanger', dosador: 'feeder', dosadora: 'feeder',
  agua_: 'water', ar: 'air', quente: 'hot', gelada: 'chilled', gelado: 'chilled', fria_: 'cold', piscina_: 'pool',
  estacionamento: 'parking', quarto: 'room', corredor: 'corridor', banheiro: 'restroom', vestiario: 'locker',
  porao: 'basement', predio: 'building', edificio_: 'building', loja: 'store', filial: 'store', laboratorio_: 'lab',
  escola: 'school', ginasio: 'gym', biblioteca_: 'library', oficina_: 'shop', entrada_: 'entrance', saida: 'exit',
  ponte: 'bridge', embarque: 'boarding', docas: 'dock', nivelador_: 'leveler', niveladora_: 'leveler', caminhao: 'truck',
  onibus: 'bus', copiadora: 'copier', impressora: 'printer', cortina_: 'curtain', tubulacao: 'pipe', cano: 'pipe',
  ralo: 'drain', fechadura: 'lock', macaneta: 'handle', lavaolhos: 'eyewash', camara: 'room', fria__: 'cold',
  tomada: 'receptacle', andar: 'floor', arquibancada: 'bleacher', balcao: 'case', expositor: 'case',
  // German
  pumpen: 'pump', kuehlschrank: 'refrigerator', kuhlschrank: 'refrigerator', tiefkuhler: 'freezer', tiefkuehler: 'freezer',
  gefriertruhe: 'freezer', kuhlzelle: 'cooler', kuehlzelle: 'cooler', tiefkuhlzelle: 'freezer', tiefkuehlzelle: 'freezer',
  geschirrspuelmaschine: 'dishwasher', geschirrspulmaschine: 'dishwasher', waschmaschine: 'washer', waschbecken: 'sink',
  spule: 'sink', spuele: 'sink', wasserhahn: 'faucet', armatur: 'faucet', toilette: 'toilet', wc: 'toilet', urinal: 'urinal',
  dusche: 'shower', augendusche: 'eyewash', trinkbrunnen: 'fountain', wasserspender: 'fountain', boiler_: 'heater',
  heizkessel: 'boiler', brenner: 'burner', geblase: 'blower', geblaese: 'blower', lueftung: 'ventilation', luftung: 'ventilation',
  klimagerat: 'ac', klimageraet: 'ac', tur: 'door', tuer: 'door', turen: 'door', tueren: 'door', schranke: 'barrier',
  drehkreuz: 'turnstile', rolltreppe: 'escalator', fahrtreppe: 'escalator', gepackgepaeckband: 'conveyor',
  band: 'conveyor', karussell: 'carousel', hubwagen: 'pallet', ameise: 'pallet', schubmaststapler: 'reach', verdichter_: 'compressor',
  ballenpresse: 'baler', mullpresse: 'compactor', muellpresse: 'compactor', waage: 'scale', schneidemaschine: 'slicer',
  fritteuse: 'fryer', herd: 'stove', kaffeemaschine: 'coffee', mikrowelle: 'microwave', kopierer: 'copier', drucker: 'printer',
  schaltschrank: 'panel', verteiler: 'panel', unterverteilung: 'panel', schalter: 'switch', trafo: 'transformer',
  transformator: 'transformer', usv: 'ups', licht: 'light', lampe: 'lamp', lampen: 'lamp', leuchte: 'light', leuchten: 'light',
  beleuchtung: 'light', melder: 'detector', rauchmelder: 'detector', rauch: 'smoke', alarm_: 'alarm', 
  hydrant: 'hydrant', feuerloscher: 'extinguisher', feuerloescher: 'extinguisher', ladegerate: 'charger', ladegeraete: 'charger',
  tank: 'tank', behalter: 'tank', behaelter: 'tank', ventil: 'valve', ventile: 'valve', zahler: 'meter', zaehler: 'meter',
  messgerat: 'meter', messgeraet: 'meter', fuhler: 'sensor', fuehler: 'sensor', mischer: 'mixer', ruhrwerk: 'mixer',
  ruehrwerk: 'mixer', zentrifuge: 'centrifuge', inkubator: 'incubator', brutschrank: 'incubator', autoklav: 'sterilizer',
  gefriertrockner: 'lyophilizer', etikettierer: 'labeler', etikettiermaschine: 'labeler', abfullanlage: 'filler',
  abfuellanlage: 'filler', verschliessmaschine: 'capper', tablettenpresse: 'press', eindicker: 'thickener', faulturm: 'digester',
  klarbecken: 'clarifier', filter: 'filter', warmetauscher: 'exchanger', waermetauscher: 'exchanger', wasser: 'water',
  luft: 'air', druckluft: 'compressed', warm: 'hot', kalt: 'cold', schwimmbad: 'pool', becken: 'basin', parkhaus: 'parking',
  parkplatz: 'parking', raum: 'room', zimmer: 'room', flur: 'corridor', keller: 'basement', gebaude: 'building',
  gebaeude: 'building', filiale: 'store', laden: 'store', markt: 'store', lager: 'warehouse', labor: 'lab', schule: 'school',
  turnhalle: 'gym', bibliothek: 'library', werkstatt: 'shop', eingang: 'entrance', ausgang: 'exit', einfahrt: 'entrance',
  ausfahrt: 'exit', brucke: 'bridge', bruecke: 'bridge', fluggastbrucke: 'bridge', fluggastbruecke: 'bridge', rampe_: 'ramp',
  uberladebrucke: 'leveler', ueberladebruecke: 'leveler', lkw: 'truck', bus: 'bus', vorhang: 'curtain', rohr: 'pipe',
  leitung: 'pipe', abfluss: 'drain', schloss: 'lock', griff: 'handle', zelle_: 'cell', kuhlraum_: 'cooler', werkbank: 'bench',
  sicherheitswerkbank: 'cabinet', abzug: 'hood', digestorium: 'hood', stapler_: 'forklift', notstrom: 'generator',
  kaltemaschinen: 'chiller', kuhlturme: 'tower', aufzuge: 'elevator', aufzuege: 'elevator', fahrstuhl: 'elevator',
  // process and trade words that meet English registry names (water, cold chain, retail, labs)
  lodo: 'sludge', lodos: 'sludge', schlamm: 'sludge', primario: 'primary', primarios: 'primary', primaria: 'primary',
  secundario: 'secondary', secundaria: 'secondary', arena: 'sand', areia: 'sand', retrolavado: 'backwash',
  retrolavagem: 'backwash', contralavado: 'backwash', ruckspulung: 'backwash', rueckspuelung: 'backwash',
  combustible: 'fuel', combustivel: 'fuel', kraftstoff: 'fuel', cloro: 'chlorine', chlor: 'chlorine', fluor: 'fluoride',
  hipoclorito: 'hypochlorite', analizador: 'analyzer', analisador: 'analyzer', classificador: 'classifier',
  clasificador: 'classifier', cabina: 'booth', cabine: 'booth', laticinios: 'dairy', lacteos: 'dairy', molkerei: 'dairy',
  retratil: 'reach', pagamento: 'pay', pago: 'pay', gepackband: 'carousel', gepaeckband: 'carousel',
  verbundanlage: 'rack', brennofen: 'kiln', eismaschine: 'ice machine', netzersatzanlage: 'generator', nea: 'generator',
  fregadora: 'scrubber', carga: 'freight', gas: 'gas', haupt: 'main', ammoniak: 'ammonia', boden: 'floor',
};

/** Phrases (folded words, one space) rewritten before indexing or querying. */
export const FOREIGN_PHRASES: ReadonlyArray<readonly [string, string]> = [
  ['torre de enfriamiento', 'cooling tower'],
  ['torre de resfriamento', 'cooling tower'],
  ['torre de arrefecimento', 'cooling tower'],
  ['escalera electrica', 'escalator'],
  ['escalera mecanica', 'escalator'],
  ['escada rolante', 'escalator'],
  ['camara fria', 'cooler'],
  ['camara frigorifica', 'cooler'],
  ['cuarto frio', 'cooler'],
  ['lava loucas', 'dishwasher'],
  ['lava louca', 'dishwasher'],
  ['lava vajillas', 'dishwasher'],
  ['lava platos', 'dishwasher'],
  ['calentador de agua', 'water heater'],
  ['aquecedor de agua', 'water heater'],
  ['agua gelada', 'chilled water'],
  ['agua helada', 'chilled water'],
  ['agua fria', 'chilled water'],
  ['planta electrica', 'generator'],
  ['planta de emergencia', 'generator'],
  ['grupo electrogeno', 'generator'],
  ['grupo gerador', 'generator'],
  ['puerta rapida', 'high speed door'],
  ['porta rapida', 'high speed door'],
  ['puerta automatica', 'automatic door'],
  ['porta automatica', 'automatic door'],
  ['maquina de cafe', 'coffee machine'],
  ['maquina de hielo', 'ice machine'],
  ['maquina de gelo', 'ice machine'],
  ['aire acondicionado', 'ac'],
  ['ar condicionado', 'ac'],
  ['alarma contra incendio', 'fire alarm'],
  ['alarma de incendio', 'fire alarm'],
  ['alarme de incendio', 'fire alarm'],
  ['central de alarme', 'facp'],
  ['campana de flujo laminar', 'laminar flow hood'],
  ['cabina de flujo laminar', 'laminar flow hood'],
  ['ponte de embarque', 'boarding bridge'],
  ['puente de embarque', 'boarding bridge'],
  ['transpaleta electrica', 'pallet jack'],
  ['carretilla elevadora', 'forklift'],
  ['cargador de baterias', 'battery charger'],
  ['carregador de bateria', 'battery charger'],
  ['caixa de gordura', 'grease trap'],
  ['trampa de grasa', 'grease trap'],
  ['caixa d agua', 'water tank'],
  ['caixa dagua', 'water tank'],
  ['tablero de alarma contra incendio', 'facp'],
  ['tablero de alarma de incendio', 'facp'],
  ['panel de alarma contra incendio', 'facp'],
  ['painel de alarme de incendio', 'facp'],
  ['painel de incendio', 'facp'],
  ['central de alarme de incendio', 'facp'],
  ['leito fluidizado', 'fluid bed'],
  ['lecho fluidizado', 'fluid bed'],
  ['lavadora de piso', 'floor scrubber'],
  ['lavadora de pisos', 'floor scrubber'],
];

/** Last nouns of German compounds, longest first: "Rücklaufschlammpumpe" → pump. */
const COMPOUND_HEADS: ReadonlyArray<readonly [string, string]> = [
  ['kaltemaschine', 'chiller'],
  ['kaeltemaschine', 'chiller'],
  ['spulmaschine', 'dishwasher'],
  ['spuelmaschine', 'dishwasher'],
  ['ventilator', 'fan'],
  ['verdichter', 'compressor'],
  ['kompressor', 'compressor'],
  ['waermetauscher', 'exchanger'],
  ['warmetauscher', 'exchanger'],
  ['trockner', 'dryer'],
  ['kuhlschrank', 'refrigerator'],
  ['kuehlschrank', 'refrigerator'],
  ['erhitzer', 'heater'],
  ['heizung', 'heater'],
  ['aggregat', 'generator'],
  ['schnecke', 'conveyor'],
  ['foerderer', 'conveyor'],
  ['forderer', 'conveyor'],
  ['zentrale', 'panel'],
  ['schrank', 'cabinet'],
  ['anlage', 'system'],
  ['bruecke', 'bridge'],
  ['brucke', 'bridge'],
  ['stapler', 'forklift'],
  ['melder', 'detector'],
  ['messgerat', 'meter'],
  ['messgeraet', 'meter'],
  ['pumpe', 'pump'],
  ['kessel', 'boiler'],
  ['presse', 'press'],
  ['turme', 'tower'],
  ['turm', 'tower'],
  ['zelle', 'cell'],
  ['kuehlung', 'cooling'],
  ['kuhlung', 'cooling'],
  ['lufter', 'fan'],
  ['luefter', 'fan'],
  ['gerat', 'unit'],
  ['geraet', 'unit'],
  ['leuchte', 'light'],
  ['lampe', 'lamp'],
  ['ventil', 'valve'],
  ['kuehler', 'cooler'],
  ['kuhler', 'cooler'],
  ['tuer', 'door'],
  ['tur', 'door'],
  ['lauftor', 'door'],
  ['rolltor', 'door'],
  ['waage', 'scale'],
  ['tank', 'tank'],
  ['filter', 'filter'],
];

/**
 * A German compound read as its qualifier and its head when both parts are known words: "Gaskühler" → gas
 * cooler, "Eingangstür" → entrance door (a linking s is dropped: "Eingangs|tür"). Undefined otherwise.
 */
export function compoundParts(w: string, words: Readonly<Record<string, string>>): [string, string] | undefined {
  if (w.length < 7) return undefined;
  for (const [suffix, head] of COMPOUND_HEADS) {
    if (w.length - suffix.length < 3 || !w.endsWith(suffix)) continue;
    const rest = w.slice(0, w.length - suffix.length);
    for (const q of [rest, rest.endsWith('s') ? rest.slice(0, -1) : '']) {
      const t = q.length >= 3 && Object.prototype.hasOwnProperty.call(words, q) ? words[q] : undefined;
      if (t !== undefined && !t.includes(' ') && t !== head) return [t, head];
    }
    return undefined;
  }
  return undefined;
}

/**
 * The English head of a German compound not in the vocabulary, or undefined. Only long words, only known
 * last nouns, and the rest must be a word of its own (three letters or more).
 */
export function compoundHead(w: string): string | undefined {
  if (w.length < 8) return undefined;
  for (const [suffix, head] of COMPOUND_HEADS) {
    if (w.length - suffix.length >= 3 && w.endsWith(suffix)) return head;
  }
  return undefined;
}
