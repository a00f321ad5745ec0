/**
 * FACTS-2 §1 (agreements), §2 (people and offices) and §5 (events) as an analyst asks for them, through HTTP
 * against the real Neo4j: who held an office on a day across 2022–2025 (Kazakh ministries and EU posts), with
 * and without includeUncertain, successions to single-holder posts, and every high/medium row of those
 * sections reachable from the API by the ids and links the table names.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from './helpers.ts';

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
  // The first dated statement of a shape pays Neo4j's compilation (seconds; past the 15 s transaction timeout
  // on a loaded 2-core machine). Neo4j keeps the plan even when that first run times out, so compile each
  // shape once here and let the assertions below measure answers, not compilation.
  for (const query of [HOLDERS, OFFICES]) {
    const response = await server.query(query, { id: 'actor:government-of-kazakhstan', day: '2023-01-01', all: true });
    expect(response.errors?.filter((error) => error.extensions?.code !== 'TIMEOUT') ?? []).toEqual([]);
  }
});
afterAll(async () => {
  await server?.close();
});

const HOLDERS = `query ($id: ID!, $day: Date, $all: Boolean) { entity(id: $id) { ... on Actor {
  officeHolders(asOf: $day, includeUncertain: $all, first: 100) { edges { title validity node { id } } } } } }`;

const OFFICES = `query ($id: ID!, $day: Date, $all: Boolean) { entity(id: $id) { ... on Actor {
  offices(asOf: $day, includeUncertain: $all) { edges { validity node { id } } } } } }`;

/** The holders of offices in `body` on `day` as `id:VALIDITY`, sorted; only offices whose title contains `title` when given. */
async function holders(body: string, day: string, options: { includeUncertain?: boolean; title?: string } = {}): Promise<string[]> {
  const data = await server.data(HOLDERS, { id: body, day, all: options.includeUncertain ?? false });
  const edges = data.entity.officeHolders.edges as { title: string; validity: string; node: { id: string } }[];
  return edges
    .filter((edge) => options.title === undefined || edge.title.includes(options.title))
    .map((edge) => `${edge.node.id}:${edge.validity}`)
    .sort();
}

describe('Kazakh ministries: who held the office on a day', () => {
  const government = 'actor:government-of-kazakhstan';
  const foreignMinisters = (day: string, includeUncertain = false) => holders(government, day, { includeUncertain, title: 'Foreign Affairs' });

  it("foreign ministers: Tileuberdi until Nurtleu's appointment (2023-04-03), then Kosherbayev from 2025-09-26", async () => {
    expect(await foreignMinisters('2022-10-31')).toEqual(['actor:mukhtar-tileuberdi:ATTESTED']);
    expect(await foreignMinisters('2023-04-02', true)).toEqual(['actor:mukhtar-tileuberdi:ATTESTED']);
    expect(await foreignMinisters('2023-04-03', true)).toEqual(['actor:murat-nurtleu:STATED']);
    expect(await foreignMinisters('2025-09-25', true)).toEqual(['actor:murat-nurtleu:STATED']);
    expect(await foreignMinisters('2025-09-26', true)).toEqual(['actor:yermek-kosherbayev:ATTESTED']);
  });

  it('the Government on 2023-02-01: one foreign minister (Tileuberdi); Idrissov (2015) and Saudabayev (2010) are not returned even with includeUncertain', async () => {
    expect(await holders(government, '2023-02-01')).toEqual([
      'actor:alikhan-smailov:STATED',
      'actor:galymzhan-koishybayev:ATTESTED',
      'actor:kassym-jomart-tokayev:ATTESTED',
      'actor:mukhtar-tileuberdi:ATTESTED',
    ]);
    expect(await holders(government, '2023-02-01', { includeUncertain: true })).toEqual([
      'actor:alikhan-smailov:STATED',
      'actor:bolat-akchulakov:UNCERTAIN',
      'actor:galymzhan-koishybayev:ATTESTED',
      'actor:kassym-jomart-tokayev:ATTESTED',
      'actor:mukhtar-tileuberdi:ATTESTED',
    ]);
  });

  it('a later holder shown in a single-holder post ends an earlier term: Idrissov from 2022-01-11, Saudabayev from 2015-12-21; a later appointment states no end past a holder shown in between', async () => {
    const on = async (id: string, day: string) =>
      (await server.data(OFFICES, { id, day, all: true })).entity.offices.edges.map(
        (edge: { validity: string; node: { id: string } }) => `${edge.node.id}:${edge.validity}`,
      );
    expect(await on('actor:erlan-idrissov', '2015-12-21')).toEqual(['actor:government-of-kazakhstan:ATTESTED']);
    expect(await on('actor:erlan-idrissov', '2021-12-31')).toEqual(['actor:government-of-kazakhstan:UNCERTAIN']);
    expect(await on('actor:erlan-idrissov', '2022-01-11')).toEqual([]);
    expect(await on('actor:kanat-saudabayev', '2015-12-20')).toEqual(['actor:government-of-kazakhstan:UNCERTAIN']);
    expect(await on('actor:kanat-saudabayev', '2015-12-21')).toEqual([]);
  });

  it('Ministry of Energy: Akchulakov (2022), Satkaliyev from April 2023, Akkenzhenov from March 2025', async () => {
    const energy = 'actor:ministry-of-energy-of-kazakhstan';
    expect(await holders(energy, '2022-06-01')).toEqual(['actor:bolat-akchulakov:ATTESTED']);
    expect(await holders(energy, '2023-06-01', { includeUncertain: true })).toEqual(['actor:almasadam-satkaliyev:STATED']);
    expect(await holders(energy, '2025-04-01', { includeUncertain: true })).toEqual(['actor:yerlan-akkenzhenov:ATTESTED']);
    expect(await holders(energy, '2025-06-01')).toEqual([]);
    expect(await holders(energy, '2025-06-01', { includeUncertain: true })).toEqual(['actor:yerlan-akkenzhenov:UNCERTAIN']);
  });

  it('Industry and Construction: Sharlapayev in 2024, Nagaspayev in autumn 2025; vice ministers without dates only with includeUncertain', async () => {
    const industry = 'actor:ministry-of-industry-and-construction';
    expect(await holders(industry, '2024-06-01')).toEqual(['actor:kanat-sharlapayev:ATTESTED']);
    expect(await holders(industry, '2024-01-01')).toEqual(['actor:iran-sharkhan:ATTESTED']);
    expect(await holders(industry, '2025-10-01')).toEqual(['actor:yersaiyn-nagaspayev:ATTESTED']);
    expect(await holders(industry, '2025-10-01', { includeUncertain: true })).toEqual([
      'actor:i-ospanov:UNCERTAIN',
      'actor:iran-sharkhan:UNCERTAIN',
      'actor:rakhymzhan-isakulov:UNCERTAIN',
      'actor:yersaiyn-nagaspayev:ATTESTED',
    ]);
  });

  it('Industry and Infrastructure Development: Uskenbayev (2022-01-11) is no longer returned once Karabayev is shown in the post (2023-06-01)', async () => {
    const miid = 'actor:ministry-of-industry-and-infrastructure-development';
    expect(await holders(miid, '2022-06-01')).toEqual([]);
    expect(await holders(miid, '2022-06-01', { includeUncertain: true })).toEqual(['actor:kairbek-uskenbayev:UNCERTAIN', 'actor:marat-karabayev:UNCERTAIN']);
    expect(await holders(miid, '2023-07-01', { includeUncertain: true })).toEqual(['actor:marat-karabayev:ATTESTED']);
  });

  it('Ecology: Brekeshev in January 2022; Suleimenova January–1 September 2023; Nyssanbayev from 2023-09-05', async () => {
    expect(await holders('actor:ministry-of-ecology-geology-and-natural-resources', '2022-01-11')).toEqual(['actor:serikkali-brekeshev:ATTESTED']);
    const ecology = 'actor:ministry-of-ecology-and-natural-resources';
    expect(await holders(ecology, '2023-05-01')).toEqual(['actor:zulfiya-suleimenova:STATED']);
    expect(await holders(ecology, '2023-10-01')).toEqual([]);
    expect(await holders(ecology, '2023-10-01', { includeUncertain: true })).toEqual(['actor:yerlan-nyssanbayev:UNCERTAIN']);
  });

  it('Karabayev left Transport on 2025-06-08 (§9 correction 13)', async () => {
    const transport = 'actor:ministry-of-transport-of-kazakhstan';
    expect(await holders(transport, '2025-06-08')).toEqual(['actor:marat-karabayev:STATED']);
    expect(await holders(transport, '2025-06-09', { includeUncertain: true })).toEqual([]);
  });

  it("Kazakhstan's mission to the EU: Baimukhan (2021–2024), then Vassilenko (late 2025)", async () => {
    const mission = 'actor:mission-of-kazakhstan-to-the-eu';
    expect(await holders(mission, '2023-01-01')).toEqual(['actor:margulan-baimukhan:ATTESTED']);
    expect(await holders(mission, '2025-12-01', { includeUncertain: true })).toEqual(['actor:roman-vassilenko:UNCERTAIN']);
  });
});

describe('EU posts: who held the office on a day', () => {
  const commission = 'actor:european-commission';

  it('Commissioner for International Partnerships: Urpilainen in 2024, Síkela in late 2025', async () => {
    const title = 'International Partnerships';
    expect(await holders(commission, '2024-06-01', { title })).toEqual(['actor:jutta-urpilainen:ATTESTED']);
    expect(await holders(commission, '2025-01-15', { title })).toEqual([]);
    expect(await holders(commission, '2025-01-15', { title, includeUncertain: true })).toEqual([
      'actor:jozef-sikela:UNCERTAIN',
      'actor:jutta-urpilainen:UNCERTAIN',
    ]);
    expect(await holders(commission, '2025-11-30', { title, includeUncertain: true })).toEqual(['actor:jozef-sikela:ATTESTED']);
  });

  it('High Representative / Vice-President: Borrell in 2023–2024, Kallas in 2025', async () => {
    const title = 'High Representative';
    expect(await holders(commission, '2024-06-01', { title })).toEqual(['actor:josep-borrell:ATTESTED']);
    expect(await holders(commission, '2025-06-01', { title, includeUncertain: true })).toEqual(['actor:kaja-kallas:ATTESTED']);
  });

  it('President of the Commission, attested from the MoU (2022-11-07) to Samarkand (2025-04-04)', async () => {
    expect(await holders(commission, '2024-01-01', { title: 'President of the European Commission' })).toEqual(['actor:ursula-von-der-leyen:ATTESTED']);
    expect(await holders(commission, '2025-06-01', { title: 'President of the European Commission' })).toEqual([]);
  });

  it('EU Ambassador to Kazakhstan: Jankauskas in 2022–2023, Simkić from September 2024', async () => {
    expect(await holders('actor:eu-delegation-to-kazakhstan', '2023-05-10')).toEqual(['actor:kestutis-jankauskas:STATED']);
    expect(await holders('actor:eu-delegation-to-kazakhstan', '2025-04-07')).toEqual(['actor:aleska-simkic:ATTESTED']);
  });

  it('President of the European Council: Michel in 2022, Costa on his visit to Astana (2025-12-04)', async () => {
    expect(await holders('actor:european-council', '2022-10-27')).toEqual(['actor:charles-michel:ATTESTED']);
    expect(await holders('actor:european-council', '2025-12-04')).toEqual(['actor:antonio-costa:STATED']);
  });
});

/** A link as `TYPE from -> to`, read from the `from` side. */
type Link = [type: string, from: string, to: string];

/** Every high/medium row of FACTS-2 §1, §2 and §5 that the data covers: the entities it put in and the links it states. */
const ROWS: Record<string, { ids: string[]; links: Link[] }> = {
  A1: {
    ids: [
      'agreement:eu-central-asia-samarkand-joint-declaration-2025',
      'agreement:eu-central-asia-joint-roadmap-2023',
      'event:eu-central-asia-ministerial-2025',
      'event:eu-central-asia-high-level-meeting-2022',
      'event:eu-central-asia-high-level-meeting-2023',
    ],
    links: [
      ['CONCLUDED_AT', 'agreement:eu-central-asia-samarkand-joint-declaration-2025', 'event:eu-central-asia-summit-2025'],
      ['BUILDS_ON', 'agreement:eu-central-asia-samarkand-joint-declaration-2025', 'agreement:eu-central-asia-joint-roadmap-2023'],
      ['PARTY_TO', 'place:kazakhstan', 'agreement:eu-central-asia-samarkand-joint-declaration-2025'],
      ['LOCATED_IN', 'agreement:eu-central-asia-joint-roadmap-2023', 'place:luxembourg'],
    ],
  },
  A2: {
    ids: ['agreement:crm-declaration-of-intent-2025'],
    links: [
      ['PARTY_TO', 'place:central-asia', 'agreement:crm-declaration-of-intent-2025'],
      ['BUILDS_ON', 'agreement:crm-declaration-of-intent-2025', 'agreement:eu-kz-mou-2022'],
      ['ANNOUNCED', 'actor:ursula-von-der-leyen', 'agreement:crm-declaration-of-intent-2025'],
      ['COVERS', 'agreement:crm-declaration-of-intent-2025', 'material:manganese'],
    ],
  },
  A3: {
    ids: ['agreement:eu-uzbekistan-crm-mou-2024', 'actor:laziz-kudratov'],
    links: [
      ['SIGNED', 'actor:valdis-dombrovskis', 'agreement:eu-uzbekistan-crm-mou-2024'],
      ['SIGNED', 'actor:laziz-kudratov', 'agreement:eu-uzbekistan-crm-mou-2024'],
      ['BUILDS_ON', 'agreement:crm-declaration-of-intent-2025', 'agreement:eu-uzbekistan-crm-mou-2024'],
    ],
  },
  A4: { ids: ['agreement:eu-kz-roadmap-2025-2026'], links: [['BUILDS_ON', 'agreement:eu-kz-roadmap-2025-2026', 'agreement:eu-kz-roadmap-2023-2024']] },
  A5: {
    ids: ['agreement:michel-tokayev-joint-statement-2022'],
    links: [
      ['ANNOUNCED', 'actor:charles-michel', 'agreement:michel-tokayev-joint-statement-2022'],
      ['CONCLUDED_AT', 'agreement:michel-tokayev-joint-statement-2022', 'event:michel-tokayev-meeting-2022'],
      ['COVERS', 'agreement:michel-tokayev-joint-statement-2022', 'material:rare-earth-elements'],
    ],
  },
  A6: {
    ids: ['agreement:hyrasia-one-investment-agreement', 'actor:hyrasia-one-company'],
    links: [
      ['SIGNED', 'actor:hyrasia-one-company', 'agreement:hyrasia-one-investment-agreement'],
      ['SIGNED', 'actor:government-of-kazakhstan', 'agreement:hyrasia-one-investment-agreement'],
      ['WITNESSED', 'actor:kassym-jomart-tokayev', 'agreement:hyrasia-one-investment-agreement'],
      ['WITNESSED', 'actor:charles-michel', 'agreement:hyrasia-one-investment-agreement'],
    ],
  },
  A7: {
    ids: ['agreement:germany-kazakhstan-raw-materials-partnership-2012'],
    links: [['PARTY_TO', 'place:germany', 'agreement:germany-kazakhstan-raw-materials-partnership-2012']],
  },
  A8: {
    ids: [
      'agreement:france-kazakhstan-strategic-minerals-declaration-2023',
      'agreement:afd-kazakhstan-establishment-agreement-2023',
      'agreement:france-kazakhstan-wind-joint-venture-contract-2023',
    ],
    links: [
      ['SIGNED', 'actor:emmanuel-macron', 'agreement:france-kazakhstan-strategic-minerals-declaration-2023'],
      ['SIGNED', 'actor:kassym-jomart-tokayev', 'agreement:france-kazakhstan-strategic-minerals-declaration-2023'],
      ['LOCATED_IN', 'agreement:france-kazakhstan-strategic-minerals-declaration-2023', 'place:astana'],
    ],
  },
  A9: {
    ids: ['agreement:france-kazakhstan-joint-declaration-2024', 'agreement:france-kazakhstan-renewable-hydrogen-agreements-2024'],
    links: [
      ['LOCATED_IN', 'agreement:france-kazakhstan-joint-declaration-2024', 'place:paris'],
      ['COVERS', 'agreement:france-kazakhstan-renewable-hydrogen-agreements-2024', 'chain:renewable-hydrogen'],
      ['MET', 'actor:kassym-jomart-tokayev', 'actor:emmanuel-macron'],
    ],
  },
  A10: {
    ids: ['agreement:france-kazakhstan-climate-change-agreement-2022'],
    links: [['PARTY_TO', 'place:kazakhstan', 'agreement:france-kazakhstan-climate-change-agreement-2022']],
  },
  A11: {
    ids: ['agreement:italy-kazakhstan-joint-declaration-2023', 'actor:antonio-tajani'],
    links: [
      ['SIGNED', 'actor:antonio-tajani', 'agreement:italy-kazakhstan-joint-declaration-2023'],
      ['SIGNED', 'actor:murat-nurtleu', 'agreement:italy-kazakhstan-joint-declaration-2023'],
    ],
  },
  A12: {
    ids: [
      'agreement:italy-kazakhstan-critical-minerals-statement-2025',
      'agreement:italy-kazakhstan-strategic-partnership-statement-2025',
      'agreement:maire-tecnimont-samruk-kazyna-agreement-2025',
    ],
    links: [
      ['MET', 'actor:giorgia-meloni', 'actor:kassym-jomart-tokayev'],
      ['PARTY_TO', 'actor:samruk-kazyna', 'agreement:maire-tecnimont-samruk-kazyna-agreement-2025'],
    ],
  },
  A13: {
    ids: ['agreement:bgr-kazakhstan-raw-materials-mou-2024', 'actor:bgr', 'actor:volker-steinbach'],
    links: [
      ['SIGNED', 'actor:volker-steinbach', 'agreement:bgr-kazakhstan-raw-materials-mou-2024'],
      ['PARTY_TO', 'actor:national-center-for-technology-foresight', 'agreement:bgr-kazakhstan-raw-materials-mou-2024'],
      ['CONCLUDED_AT', 'agreement:bgr-kazakhstan-raw-materials-mou-2024', 'event:german-kazakh-economic-forum-2024'],
    ],
  },
  A14: {
    ids: ['agreement:ngs-dera-memorandum-2023', 'actor:dera'],
    links: [
      ['PARTY_TO', 'actor:national-geological-survey', 'agreement:ngs-dera-memorandum-2023'],
      ['MET', 'actor:kanat-sharlapayev', 'actor:peter-buchholz'],
    ],
  },
  A15: {
    ids: ['agreement:eu-ebrd-declaration-of-intent-2023'],
    links: [
      ['PARTY_TO', 'actor:tau-ken-samruk', 'agreement:eu-ebrd-declaration-of-intent-2023'],
      ['SIGNED', 'actor:european-commission', 'agreement:eu-ebrd-declaration-of-intent-2023'],
      ['LOCATED_IN', 'agreement:eu-ebrd-declaration-of-intent-2023', 'place:brussels'],
      ['CONCLUDED_AT', 'agreement:eu-ebrd-declaration-of-intent-2023', 'event:raw-materials-week-2023'],
    ],
  },
  A16: {
    ids: ['agreement:eib-kazakhstan-framework-agreement-2010', 'actor:kanat-saudabayev'],
    links: [
      ['SIGNED', 'actor:kanat-saudabayev', 'agreement:eib-kazakhstan-framework-agreement-2010'],
      ['PARTY_TO', 'actor:eib', 'agreement:eib-kazakhstan-framework-agreement-2010'],
    ],
  },
  A17: {
    ids: ['agreement:kazakhstan-us-critical-minerals-mou-2025', 'actor:howard-lutnick'],
    links: [
      ['SIGNED', 'actor:yersaiyn-nagaspayev', 'agreement:kazakhstan-us-critical-minerals-mou-2025'],
      ['WITNESSED', 'actor:kassym-jomart-tokayev', 'agreement:kazakhstan-us-critical-minerals-mou-2025'],
      ['LOCATED_IN', 'agreement:kazakhstan-us-critical-minerals-mou-2025', 'place:washington'],
    ],
  },
  A18: {
    ids: ['agreement:kazakhstan-uk-critical-minerals-roadmap-2024', 'agreement:kazakhstan-uk-critical-minerals-mou-2023'],
    links: [
      ['SIGNED', 'actor:iran-sharkhan', 'agreement:kazakhstan-uk-critical-minerals-roadmap-2024'],
      ['BUILDS_ON', 'agreement:kazakhstan-uk-critical-minerals-roadmap-2024', 'agreement:kazakhstan-uk-critical-minerals-mou-2023'],
    ],
  },
  P1: {
    ids: ['actor:mukhtar-tileuberdi'],
    links: [
      ['HOLDS_OFFICE', 'actor:mukhtar-tileuberdi', 'actor:government-of-kazakhstan'],
      ['MET', 'actor:annalena-baerbock', 'actor:mukhtar-tileuberdi'],
    ],
  },
  P2: { ids: ['actor:murat-nurtleu'], links: [['HOLDS_OFFICE', 'actor:murat-nurtleu', 'actor:government-of-kazakhstan']] },
  P3: {
    ids: ['actor:yermek-kosherbayev'],
    links: [
      ['HOLDS_OFFICE', 'actor:yermek-kosherbayev', 'actor:government-of-kazakhstan'],
      ['HOLDS_OFFICE', 'actor:yermek-kosherbayev', 'actor:akimat-of-east-kazakhstan-region'],
      ['HOLDS_OFFICE', 'actor:yermek-kosherbayev', 'actor:embassy-of-kazakhstan-in-russia'],
    ],
  },
  P4: {
    ids: ['actor:bolat-akchulakov'],
    links: [
      ['HOLDS_OFFICE', 'actor:bolat-akchulakov', 'actor:ministry-of-energy-of-kazakhstan'],
      ['HOLDS_OFFICE', 'actor:bolat-akchulakov', 'actor:government-of-kazakhstan'],
    ],
  },
  P5: {
    ids: ['actor:almasadam-satkaliyev'],
    links: [
      ['HOLDS_OFFICE', 'actor:almasadam-satkaliyev', 'actor:ministry-of-energy-of-kazakhstan'],
      ['HOLDS_OFFICE', 'actor:almasadam-satkaliyev', 'actor:atomic-energy-agency-of-kazakhstan'],
    ],
  },
  P6: { ids: ['actor:yerlan-akkenzhenov'], links: [['HOLDS_OFFICE', 'actor:yerlan-akkenzhenov', 'actor:ministry-of-energy-of-kazakhstan']] },
  P7: {
    ids: ['actor:serikkali-brekeshev', 'actor:zulfiya-suleimenova'],
    links: [
      ['HOLDS_OFFICE', 'actor:serikkali-brekeshev', 'actor:ministry-of-ecology-geology-and-natural-resources'],
      ['HOLDS_OFFICE', 'actor:zulfiya-suleimenova', 'actor:ministry-of-ecology-and-natural-resources'],
      ['PART_OF', 'actor:ministry-of-ecology-and-natural-resources', 'actor:government-of-kazakhstan'],
    ],
  },
  P8: { ids: ['actor:yerlan-nyssanbayev'], links: [['HOLDS_OFFICE', 'actor:yerlan-nyssanbayev', 'actor:ministry-of-ecology-and-natural-resources']] },
  P9: { ids: ['actor:kairbek-uskenbayev'], links: [['HOLDS_OFFICE', 'actor:kairbek-uskenbayev', 'actor:ministry-of-industry-and-infrastructure-development']] },
  P10: {
    ids: ['actor:kanat-sharlapayev'],
    links: [
      ['HOLDS_OFFICE', 'actor:kanat-sharlapayev', 'actor:ministry-of-industry-and-construction'],
      ['SIGNED', 'actor:kanat-sharlapayev', 'agreement:ebrd-ministry-geoscientific-data-mou-2024'],
    ],
  },
  P11: { ids: ['actor:yersaiyn-nagaspayev'], links: [['HOLDS_OFFICE', 'actor:yersaiyn-nagaspayev', 'actor:ministry-of-industry-and-construction']] },
  P12: {
    ids: ['actor:iran-sharkhan'],
    links: [
      ['HOLDS_OFFICE', 'actor:iran-sharkhan', 'actor:ministry-of-industry-and-construction'],
      ['ATTENDED', 'actor:iran-sharkhan', 'event:amm-2025'],
    ],
  },
  P13: {
    ids: ['actor:i-ospanov', 'actor:rakhymzhan-isakulov'],
    links: [
      ['HOLDS_OFFICE', 'actor:i-ospanov', 'actor:ministry-of-industry-and-construction'],
      ['HOLDS_OFFICE', 'actor:rakhymzhan-isakulov', 'actor:ministry-of-industry-and-construction'],
    ],
  },
  P14: { ids: ['actor:yerlan-galiyev'], links: [['HOLDS_OFFICE', 'actor:yerlan-galiyev', 'actor:national-geological-survey']] },
  P15: { ids: ['actor:kestutis-jankauskas'], links: [['HOLDS_OFFICE', 'actor:kestutis-jankauskas', 'actor:eu-delegation-to-kazakhstan']] },
  P16: { ids: ['actor:aleska-simkic'], links: [['HOLDS_OFFICE', 'actor:aleska-simkic', 'actor:eu-delegation-to-kazakhstan']] },
  P17: {
    ids: ['actor:margulan-baimukhan', 'actor:roman-vassilenko'],
    links: [
      ['HOLDS_OFFICE', 'actor:margulan-baimukhan', 'actor:mission-of-kazakhstan-to-the-eu'],
      ['HOLDS_OFFICE', 'actor:roman-vassilenko', 'actor:mission-of-kazakhstan-to-the-eu'],
      ['HOLDS_OFFICE', 'actor:roman-vassilenko', 'actor:ministry-of-foreign-affairs-of-kazakhstan'],
    ],
  },
  P18: { ids: ['actor:jozef-sikela'], links: [['HOLDS_OFFICE', 'actor:jozef-sikela', 'actor:european-commission']] },
  P19: { ids: ['actor:jutta-urpilainen'], links: [['HOLDS_OFFICE', 'actor:jutta-urpilainen', 'actor:european-commission']] },
  P20: {
    ids: ['actor:kaja-kallas'],
    links: [
      ['HOLDS_OFFICE', 'actor:kaja-kallas', 'actor:european-commission'],
      ['MET', 'actor:kaja-kallas', 'actor:murat-nurtleu'],
    ],
  },
  P21: {
    ids: ['actor:josep-borrell'],
    links: [
      ['HOLDS_OFFICE', 'actor:josep-borrell', 'actor:european-commission'],
      ['MET', 'actor:josep-borrell', 'actor:murat-nurtleu'],
    ],
  },
  P22: { ids: ['actor:antonio-costa'], links: [['HOLDS_OFFICE', 'actor:antonio-costa', 'actor:european-council']] },
  P23: {
    ids: ['actor:almas-aidarov'],
    links: [
      ['HOLDS_OFFICE', 'actor:almas-aidarov', 'actor:hyrasia-one-company'],
      ['HOLDS_OFFICE', 'actor:wolfgang-kropp', 'actor:hyrasia-one-company'],
    ],
  },
  P24: {
    ids: ['actor:dennis-schwindt'],
    links: [
      ['HOLDS_OFFICE', 'actor:dennis-schwindt', 'actor:hms-bergbau'],
      ['MET', 'actor:dennis-schwindt', 'actor:kassym-jomart-tokayev'],
    ],
  },
  P25: { ids: ['actor:nariman-absametov'], links: [['HOLDS_OFFICE', 'actor:nariman-absametov', 'actor:tau-ken-samruk']] },
  P26: {
    ids: ['actor:jurgen-rigterink', 'actor:zsuzsanna-hargitai'],
    links: [
      ['HOLDS_OFFICE', 'actor:jurgen-rigterink', 'actor:ebrd'],
      ['SIGNED', 'actor:jurgen-rigterink', 'agreement:ebrd-ministry-geoscientific-data-mou-2024'],
      ['HOLDS_OFFICE', 'actor:zsuzsanna-hargitai', 'actor:ebrd'],
    ],
  },
  P27: {
    ids: ['actor:teresa-czerwinska', 'actor:andrew-mcdowell', 'actor:marat-yelibayev'],
    links: [
      ['HOLDS_OFFICE', 'actor:teresa-czerwinska', 'actor:eib'],
      ['MET', 'actor:teresa-czerwinska', 'actor:murat-nurtleu'],
      ['HOLDS_OFFICE', 'actor:andrew-mcdowell', 'actor:eib'],
      ['HOLDS_OFFICE', 'actor:marat-yelibayev', 'actor:development-bank-of-kazakhstan'],
    ],
  },
  P28: { ids: ['actor:luc-devigne', 'actor:eeas'], links: [['HOLDS_OFFICE', 'actor:luc-devigne', 'actor:eeas']] },
  P29: { ids: ['actor:galymzhan-koishybayev'], links: [['HOLDS_OFFICE', 'actor:galymzhan-koishybayev', 'actor:government-of-kazakhstan']] },
  P30: {
    ids: ['actor:sean-gregory', 'actor:pini-althaus', 'actor:dominic-heaton'],
    links: [
      ['HOLDS_OFFICE', 'actor:sean-gregory', 'actor:sarytogan-graphite'],
      ['HOLDS_OFFICE', 'actor:pini-althaus', 'actor:cove-capital'],
      ['HOLDS_OFFICE', 'actor:dominic-heaton', 'actor:cove-kaz-capital'],
    ],
  },
  E1: {
    ids: ['event:eu-central-asia-summit-2025', 'actor:shavkat-mirziyoyev'],
    links: [
      ['ATTENDED', 'actor:shavkat-mirziyoyev', 'event:eu-central-asia-summit-2025'],
      ['ATTENDED', 'actor:antonio-costa', 'event:eu-central-asia-summit-2025'],
      ['ATTENDED', 'actor:sadyr-japarov', 'event:eu-central-asia-summit-2025'],
      ['ATTENDED', 'actor:ebrd', 'event:eu-central-asia-summit-2025'],
    ],
  },
  E2: {
    ids: ['event:eu-central-asia-ministerial-2025', 'event:kallas-visit-almaty-2025'],
    links: [
      ['LOCATED_IN', 'event:eu-central-asia-ministerial-2025', 'place:ashgabat'],
      ['ATTENDED', 'actor:kaja-kallas', 'event:kallas-visit-almaty-2025'],
      ['MET', 'actor:kaja-kallas', 'actor:kassym-jomart-tokayev'],
    ],
  },
  E3: { ids: ['event:eu-kz-cooperation-council-2022'], links: [['LOCATED_IN', 'event:eu-kz-cooperation-council-2022', 'place:luxembourg']] },
  E4: {
    ids: ['event:eu-kz-cooperation-council-2023'],
    links: [
      ['ATTENDED', 'actor:murat-nurtleu', 'event:eu-kz-cooperation-council-2023'],
      ['ATTENDED', 'actor:jose-manuel-albares', 'event:eu-kz-cooperation-council-2023'],
    ],
  },
  E5: { ids: ['event:eu-kz-cooperation-council-2024'], links: [['ATTENDED', 'actor:peter-szijjarto', 'event:eu-kz-cooperation-council-2024']] },
  E6: {
    ids: ['event:eu-kz-cooperation-council-2025'],
    links: [
      ['ATTENDED', 'actor:yermek-kosherbayev', 'event:eu-kz-cooperation-council-2025'],
      ['ATTENDED', 'actor:kaja-kallas', 'event:eu-kz-cooperation-council-2025'],
      ['MET', 'actor:yermek-kosherbayev', 'actor:jozef-sikela'],
      ['LOCATED_IN', 'event:eu-kz-cooperation-council-2025', 'place:brussels'],
    ],
  },
  E7: {
    ids: ['event:eu-kz-cooperation-committee-political-2025'],
    links: [
      ['ATTENDED', 'actor:roman-vassilenko', 'event:eu-kz-cooperation-committee-political-2025'],
      ['ATTENDED', 'actor:luc-devigne', 'event:eu-kz-cooperation-committee-political-2025'],
    ],
  },
  E8: {
    ids: ['event:raw-materials-week-2023', 'agreement:forum-astana-group-lobox-memorandum-2023'],
    links: [
      ['ATTENDED', 'actor:i-ospanov', 'event:raw-materials-week-2023'],
      ['ATTENDED', 'actor:zsuzsanna-hargitai', 'event:raw-materials-week-2023'],
      ['PARTY_TO', 'actor:lobox-architects', 'agreement:forum-astana-group-lobox-memorandum-2023'],
    ],
  },
  E9: {
    ids: ['event:raw-materials-week-2025'],
    links: [
      ['ATTENDED', 'actor:rakhymzhan-isakulov', 'event:raw-materials-week-2025'],
      ['ATTENDED', 'actor:stephane-sejourne', 'event:raw-materials-week-2025'],
    ],
  },
  E10: {
    ids: ['event:global-gateway-forum-2023'],
    links: [
      ['ATTENDED', 'actor:iran-sharkhan', 'event:global-gateway-forum-2023'],
      ['ATTENDED', 'actor:yerlan-galiyev', 'event:global-gateway-forum-2023'],
    ],
  },
  E11: {
    ids: ['event:kazakh-embassy-brussels-crm-meeting-2024'],
    links: [
      ['HOSTED', 'actor:mission-of-kazakhstan-to-the-eu', 'event:kazakh-embassy-brussels-crm-meeting-2024'],
      ['ATTENDED', 'actor:bolat-akchulakov', 'event:kazakh-embassy-brussels-crm-meeting-2024'],
    ],
  },
  E12: {
    ids: ['event:eu-central-asia-economic-forum-2023'],
    links: [['CONCLUDED_AT', 'agreement:eu-kz-roadmap-2023-2024', 'event:eu-central-asia-economic-forum-2023']],
  },
  E13: {
    ids: ['event:eu-central-asia-economic-forum-2025'],
    links: [
      ['ATTENDED', 'actor:galymzhan-koishybayev', 'event:eu-central-asia-economic-forum-2025'],
      ['ATTENDED', 'actor:marta-kos', 'event:eu-central-asia-economic-forum-2025'],
      ['HOSTED', 'actor:oecd', 'event:eu-central-asia-economic-forum-2025'],
      ['LOCATED_IN', 'event:eu-central-asia-economic-forum-2025', 'place:tashkent'],
    ],
  },
  E14: {
    ids: ['event:costa-visit-astana-2025'],
    links: [
      ['ATTENDED', 'actor:antonio-costa', 'event:costa-visit-astana-2025'],
      ['MET', 'actor:antonio-costa', 'actor:kassym-jomart-tokayev'],
    ],
  },
  E15: {
    ids: ['event:steinmeier-state-visit-2023', 'actor:frank-walter-steinmeier'],
    links: [
      ['ATTENDED', 'actor:frank-walter-steinmeier', 'event:steinmeier-state-visit-2023'],
      ['MET', 'actor:frank-walter-steinmeier', 'actor:alikhan-smailov'],
    ],
  },
  E16: {
    ids: ['event:tokayev-berlin-visit-2023'],
    links: [
      ['MET', 'actor:kassym-jomart-tokayev', 'actor:olaf-scholz'],
      ['ATTENDED', 'actor:ostausschuss-der-deutschen-wirtschaft', 'event:tokayev-berlin-visit-2023'],
    ],
  },
  E17: {
    ids: ['event:scholz-visit-astana-2024'],
    links: [
      ['MET', 'actor:olaf-scholz', 'actor:kassym-jomart-tokayev'],
      ['COVERS', 'event:scholz-visit-astana-2024', 'material:rare-earth-elements'],
    ],
  },
  E18: {
    ids: ['event:kz-eu-business-platform-2022', 'event:kz-eu-business-platform-2023'],
    links: [
      ['ATTENDED', 'actor:kestutis-jankauskas', 'event:kz-eu-business-platform-2022'],
      ['ATTENDED', 'actor:alikhan-smailov', 'event:kz-eu-business-platform-2023'],
    ],
  },
  E19: {
    ids: ['event:critical-minerals-ministerial-2026'],
    links: [
      ['ATTENDED', 'actor:yermek-kosherbayev', 'event:critical-minerals-ministerial-2026'],
      ['HOSTED', 'actor:marco-rubio', 'event:critical-minerals-ministerial-2026'],
    ],
  },
};

describe('every high/medium row of FACTS-2 §1, §2 and §5 is reachable from the API', () => {
  it('the table covers A1–A18, P1–P30 and E1–E19', () => {
    const expected = [...range('A', 18), ...range('P', 30), ...range('E', 19)];
    expect(Object.keys(ROWS).sort()).toEqual(expected.sort());
  });

  it.each(Object.entries(ROWS))('%s: node(id:) finds its entities, each with a source, and its links from their start', async (_row, { ids, links }) => {
    const nodeQuery = `query ($ids: [ID!]!) { nodes(ids: $ids) { id ... on Entity { sources { id url } } } }`;
    const found = (await server.data(nodeQuery, { ids })).nodes as ({ id: string; sources: { id: string }[] } | null)[];
    expect(found.map((node) => node?.id)).toEqual(ids);
    for (const node of found) expect(node?.sources.length).toBeGreaterThan(0);
    const aliases = links.map(
      ([type, from], index) =>
        `l${index}: entity(id: ${JSON.stringify(from)}) { relationships(types: [${type}], direction: OUT, first: 100) { edges { node { id } sources { id } } } }`,
    );
    const data = await server.data(`{ ${aliases.join(' ')} }`);
    links.forEach(([type, from, to], index) => {
      const edges = data[`l${index}`].relationships.edges as { node: { id: string }; sources: { id: string }[] }[];
      const edge = edges.find((candidate) => candidate.node.id === to);
      expect(edge, `${type} ${from} -> ${to}`).toBeDefined();
      expect(edge?.sources.length, `sources of ${type} ${from} -> ${to}`).toBeGreaterThan(0);
    });
  });

  it('search finds the new people in the spellings the rows give', async () => {
    const query = 'query ($q: String!) { search(query: $q, types: [Actor], first: 5) { node { id } } }';
    for (const [spelling, id] of [
      ['Мухтар Тлеуберди', 'actor:mukhtar-tileuberdi'],
      ['Ерлан Аккенженов', 'actor:yerlan-akkenzhenov'],
      ['Рақымжан Исақұлов', 'actor:rakhymzhan-isakulov'],
      ['Almasad Satkalijew', 'actor:almasadam-satkaliyev'],
      ['Josef Sikela', 'actor:jozef-sikela'],
      ['Кая Каллас', 'actor:kaja-kallas'],
    ]) {
      const hits = (await server.data(query, { q: spelling })).search.map((hit: { node: { id: string } }) => hit.node.id);
      expect(hits, spelling).toContain(id);
    }
  });
});

describe('FACTS-2 §9 corrections in the data', () => {
  it('#1 and #2: the Samarkand declaration is regional; the Michel–Tokayev meeting is high', async () => {
    const data = await server.data(`{
      declaration: node(id: "agreement:crm-declaration-of-intent-2025") { ... on Agreement { confidence name } }
      meeting: node(id: "actor:charles-michel") { ... on Actor { confidence } }
      event: node(id: "event:michel-tokayev-meeting-2022") { ... on Event { confidence } } }`);
    expect(data.declaration).toEqual({ confidence: 'HIGH', name: 'EU–Central Asia joint declaration of intent on critical raw materials (Samarkand 2025)' });
    expect(data.meeting.confidence).toBe('HIGH');
    expect(data.event.confidence).toBe('HIGH');
  });

  it('#10: the 2nd EU–Central Asia Economic Forum ran 2023-05-18..19', async () => {
    const data = await server.data('{ node(id: "event:eu-central-asia-economic-forum-2023") { ... on Event { startDate endDate } } }');
    expect(data.node).toEqual({ startDate: '2023-05-18', endDate: '2023-05-19' });
  });
});

// Private: row ids `A1`..`A<n>`.
function range(prefix: string, count: number): string[] {
  return Array.from({ length: count }, (_, index) => `${prefix}${index + 1}`);
}
