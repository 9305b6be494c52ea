/**
 * Cue lexicons for intent detection (English, Spanish, Portuguese, German), applied to folded
 * text without apostrophes ("what's" → "whats").
 */

export const CANCEL = /^(?:(?:no\s+)?(?:wait\s+)?(?:cancel|cancell?ed|cancelar|cancela|abbrechen|abort|stop|nvm|never ?mind|nevermind|forget (?:it|that)|scratch that|ignore (?:that|this|it|the last)|undo|dont file|do not file|olvidalo|olvida(?:lo)?|deixa pra la|esquece|vergiss es|egal|no wait)\b.*$|^no+$)/;
export const CANCEL_SHORT_MAX_WORDS = 9;

export const HELP = [
  /^\/(?:help|start|commands?|ayuda|ajuda|hilfe)\b/,
  /^(?:help|ayuda|ajuda|hilfe|commands?|menu|\?+)\W*$/,
  /\bwhat (?:can|do) (?:you|u|this bot|this thing|the bot) do\b/,
  /\bhow (?:does|do) (?:this|the) (?:bot|thing|app|chat) work\b/,
  /\bhow (?:do|can|should) (?:i|we) (?:make|create|open|file|submit|close|log|report|use|add|send|see|check)\b.*\b(?:wo|work order|ticket|this|here|bot|request)\b/,
  /\b(?:can|does|will) (?:this|the) (?:bot|thing|app)\b/,
  /\bcan i (?:send|attach|add) (?:a )?(?:photo|picture|pic|video|voice|file)s?\b/,
  /\bwhat (?:do|should|can) i (?:type|say|write|send)\b/,
  /\bfirst time using\b|\bhow to use (?:this|the bot)\b/,
  /\bunderstand voice\b|\bvoice (?:messages|notes)\b/,
  /\bque puedes hacer\b|\bcomo funciona\b|\bo que voce (?:pode|faz)\b|\bwas kannst du\b|\bwie funktioniert\b/,
];

export const SMALLTALK = [
  /^(?:hi|hello|hey|hiya|yo|sup|morning|good (?:morning|afternoon|evening|night)|gm|hola|buenos dias|buenas|ola|bom dia|boa tarde|hallo|guten (?:morgen|tag|abend)|moin|servus)\b/,
  /^(?:thanks|thank you|thx|ty|tyvm|cheers|gracias|obrigad[oa]|danke|merci|much appreciated|appreciate it)\b/,
  /^(?:ok|okay|k|kk|cool|ok cool|great|nice|nice one|got it|sounds good|roger|copy|lol|lmao|haha+|hehe|perfect|awesome|sweet|yep|yes|yeah|no worries|np|de nada|vale|beleza|passt|alles klar|bye|see (?:you|ya)|later|night|gn)\b/,
  /\b(?:who won|the game|last night'?s game|weekend|have a good|happy (?:birthday|friday|holidays)|coffees on|coffee is on|pizza|lunch is|donuts?)\b/,
];

export const LIST = [
  /\bmy (?:open |pending |assigned |current )?(?:wos?|work ?orders?|jobs|tickets|tasks|list)\b/,
  /\b(?:open|pending|overdue|closed|recent|assigned|active|outstanding|completed) (?:wos?|work ?orders?|jobs|tickets|tasks)\b/,
  /\b(?:wos|work ?orders|jobs|tickets)\b.*\b(?:for|on|at|in|from)\b/,
  /\b(?:show|list|pull up)\b.*\b(?:wos?|work ?orders?|jobs|tickets|everything|all)\b/,
  /\b(?:give|send|get)\b.*\b(?:wos|work ?orders|jobs|tickets)\b/,
  /^(?:list|pending|todo|to do|to-do|backlog|queue)\b/,
  /\btodo list\b|\bto do list\b/,
  /\bjobs (?:for|on|today|tonight|tomorrow)\b/,
  /\bwhats on my (?:plate|list)\b|\bwhat do i have\b|\bwhats assigned\b|\bassigned to me\b|\bwhat did i (?:close|do|finish|complete)\b/,
  /\bhow many (?:open )?(?:wos|work orders|jobs|tickets)\b/,
  /\bwhats overdue\b|\boverdue\b/,
  /\bwhich (?:wos|work orders|jobs|tickets)\b/,
  /\beverything (?:still )?open\b|\banything open\b|\bany (?:wos|work orders|open)\b/,
  /\bhistory (?:for|of|on)\b|\blast \d+ (?:wos|work orders|jobs)\b/,
  /\bmeine (?:offenen )?auftrage\b|\boffene auftrage\b|\bmis (?:ordenes|ordenes de trabajo|trabajos|pendientes)\b|\bminhas (?:ordens|os|tarefas)\b/,
];

/** Asking about an existing job without its number ("any news on the door 17 work order"). */
export const CHECK = [
  /\b(?:status|progress|news|update|eta)\b.*\b(?:wo|work ?order|ticket|request|job|repair|fix)\b/,
  /\b(?:wo|work ?order|ticket|request|job|repair)\b.*\b(?:status|progress|news|update|getting done|get done|done yet|fixed yet)\b/,
  /\bdid (?:anyone|someone|maintenance|you|u|they) (?:get|see|pick up|look at|take|receive|start)\b.*\b(?:request|ticket|wo|work order|job)\b/,
  /\bwhen (?:is|will) (?:the )?.*\b(?:job|wo|work order|repair|ticket)\b.*\b(?:done|finished|getting done|fixed|complete)\b/,
  /\bwhats the (?:status|latest|eta|priority)\b/,
  /\bstatus\W*$|\bstatus (?:of|on|for)\b|\bany (?:news|update|progress) on\b/,
];

/** Phrases that ask about a numbered work order. */
export const CHECK_WITH_NUMBER = [
  /\bstatus\b|\bprogress\b|\bany (?:news|update|updates)\b|\bupdate on\b|\blatest on\b|\bwhats happening\b|\bwhere .* is at\b|\bhows\b|\bhow is\b|\bhow.?s\b|\bcheck\b|\bwhos (?:on|working)\b|\bwho is (?:on|working)\b|\bassigned\b|\bstill (?:open|waiting)\b|\bpriority\b|\bcomo va\b|\bcomo esta\b|\bwie ist der stand\b|\bstand von\b/,
];

/** Notes, readings and parts for a numbered work order. */
export const COMMENT = [
  /\bnote\b|\bcomment\b|\bkommentar\b|\bnota\b|\bcomentario\b|\bobservacao\b|\badd (?:to|on)\b|\bfyi\b|\bupdate\s*[-:]/,
  /\breadings?\b|\bmeasured\b|\bmegger\b|\bamps?\b|\bvibration\b|\btemp\b|\bpressure\b|\bdifferenzdruck\b/,
  /\bused\b|\bordered\b|\bquote\b|\bsupplier\b|\bvendor\b|\bpart(?:s)? (?:number|no)\b|\bpo \d|\bphotos?\b|\bsample\b|\bsent\b/,
  /\breplaced\b|\bswapped\b|\bcleaned\b|\bgreased\b|\bre-?aimed\b|\badjusted\b|\bgewechselt\b|\btrocad[oa]\b|\bcambiad[oa]\b|\blimpi/,
];

export const ASK_HUMAN = [
  /^(?:who|whos|who is|wer|quien|quem)\b/,
  /\bwho (?:has|do i|should i|signs|approved|let|is on call|is the|can i|to call)\b/,
  /\bwhere(?:s| is| are| can i find| do i find)\b/,
  /\bwhats the (?:torque|password|number|procedure|spec|code|phone|loto|pin|combo|combination)\b/,
  /\bhow (?:much|do i reset|do i change|do i fix|do i get|do i|to)\b/,
  /\bshow me how\b|\bteach me\b/,
  /\bwhat (?:ppe|permit|tool|tools)\b/,
  /\b(?:can|could|may) i\b/,
  /\b(?:can|could|may) we (?:get|have|take|swap|borrow|order|use|go|leave|buy|bypass|shut|turn|run|skip)\b/,
  /\bshould (?:i|we)\b/,
  /\bis it (?:safe|ok|okay|allowed)\b|\bare we allowed\b|\ballowed to\b/,
  /\bdo (?:i|we) need\b|\bdo we have\b|\bis there a spare\b/,
  /\bneed (?:someone from|a real person|a person|to talk|approval|a permit|a hot work permit)\b/,
  /\breal person\b|\bhuman\b|\bcall me\b|\btell my (?:supervisor|boss|lead)\b|\bgoing home\b|\bsick\b|\bswap shifts?\b|\bovertime\b|\bot\b/,
  /\bapprov(?:al|e|ed)\b|\bquote\b|\bpermit\b|\bcontractor\b|\brep for\b|\bstill happening\b|\bclass\b|\btraining\b|\bschedule\b/,
  /\bes seguro\b|\bpuedo\b|\bquien\b|\bdonde\b|\bvem hoje\b|\bposso\b|\bquem\b|\bonde\b|\bdarf ich\b|\bwer\b|\bwo ist\b/,
];

/** A fault or a request for work. */
export const FAULT =
  /\b(?:leak\w*|drip\w*|broken|broke|break\w*|down|not (?:working|running|starting|heating|cooling|firing|spinning|diverting|marking|holding|engaging|charging|closing|opening|lifting|moving|turning|getting)|doesnt work|wont|won t|cant|isnt|didnt|wouldnt|no (?:heat|hot water|water|power|air|steam|pressure)|trip\w*|fault\w*|alarm\w*|error|noise|noisy|squeal\w*|grind\w*|knock\w*|rattl\w*|racket|vibrat\w*|wobbl\w*|overheat\w*|running hot|smell\w*|smok\w*|burn\w*|spark\w*|jam\w*|stuck|clog\w*|overflow\w*|flood\w*|crack\w*|torn|worn|bent|missing|loose|stopped|stops|dead|fail\w*|short cycling|cavitat\w*|slipp\w*|stick\w*|lost|losing|locked out|locking out|keeps|again|needs?|replace|repair|fix|flat|hole|pothole|spill|out of spec|bulging|dropping|dropped|tracking|chunked|fray\w*|scratch\w*|double hitting|undercured|swinging|false|roasting|freezing|blowing|service due|trouble|ground fault|flame failure|kicking on|throwing|collision|hissing|sticking|stretched|fell|hanging|chipped|repaint\w*|peel\w*|damag\w*|stain\w*|dirty|beep\w*|on battery|(?:is|turned|went) off|lost|not heating|cosmetic|whenever|no rush|no hurry|clicks|marking|no arranca|no funciona|no abre|fuga|rot[ao]|pinchad[ao]|atascad[ao]|gotea|falla|vazamento|parou|nao funciona|quebrad[ao]|furado|steht|klemmt|storung|defekt|kaputt|undicht|zu hoch|ausgefallen|looking at)\b/;
