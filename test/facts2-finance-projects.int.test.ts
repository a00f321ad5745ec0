/**
 * FACTS-2 §3 funding, §4 projects and companies, §6 claims and §7 places, over HTTP on the curated data:
 * a financier's equity in a company reaches the material of its deposit by a path, and every high and
 * medium row of those sections that the data covers is reachable from the API: the table below maps each
 * row id to the entities and links that carry it.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from './helpers.ts';

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(() => server.close());

/** A link as (from, TYPE, to), with the key when the pair has more than one link of that type. */
type Link = [from: string, type: string, to: string, key?: string];

/** FACTS-2 row id -> the entities and links that carry it. */
const ROWS: Record<string, { entities: string[]; links: Link[] }> = {
  // §3 Funding instruments and financiers
  F1: {
    entities: [
      'event:global-gateway-investors-forum-2024',
      'instrument:trans-caspian-connectivity-commitment-2024',
      'instrument:eib-central-asia-mous-2024',
      'instrument:ebrd-kazakhstan-pipeline-mou-2024',
    ],
    links: [
      ['actor:valdis-dombrovskis', 'ANNOUNCED', 'instrument:trans-caspian-connectivity-commitment-2024'],
      ['actor:eib', 'MANAGES', 'instrument:eib-central-asia-mous-2024'],
      ['actor:ebrd', 'MANAGES', 'instrument:ebrd-kazakhstan-pipeline-mou-2024'],
    ],
  },
  F2: {
    entities: ['agreement:eib-dbk-mou-2024', 'actor:botagoz-abisheva'],
    links: [
      ['actor:teresa-czerwinska', 'SIGNED', 'agreement:eib-dbk-mou-2024'],
      ['actor:botagoz-abisheva', 'SIGNED', 'agreement:eib-dbk-mou-2024'],
      ['actor:marat-karabayev', 'ATTENDED', 'event:global-gateway-investors-forum-2024'],
    ],
  },
  F3: {
    entities: ['instrument:eib-global-dbk-framework-loan-2025', 'project:kazavtozhol-road-rehabilitation'],
    links: [
      ['actor:eib', 'FUNDS', 'actor:development-bank-of-kazakhstan'],
      ['instrument:eib-global-dbk-framework-loan-2025', 'FUNDS', 'project:kazavtozhol-road-rehabilitation'],
    ],
  },
  F4: {
    entities: ['instrument:sikela-central-asia-investments-2025', 'instrument:eu-kazakhstan-crm-support-2025'],
    links: [['actor:jozef-sikela', 'ANNOUNCED', 'instrument:sikela-central-asia-investments-2025']],
  },
  F5: {
    entities: ['agreement:kazakhstan-eu-rare-earth-agreement-2025', 'agreement:kazakhstan-ebrd-crm-agreement-2025'],
    links: [
      ['actor:ebrd', 'MANAGES', 'instrument:eu-kazakhstan-crm-support-2025'],
      ['agreement:kazakhstan-eu-rare-earth-agreement-2025', 'FINANCES', 'instrument:eu-kazakhstan-crm-support-2025'],
    ],
  },
  F6: {
    entities: ['instrument:data4crm', 'instrument:secure-crm', 'instrument:grow-crm'],
    links: [
      ['actor:ministry-for-foreign-affairs-of-finland', 'FUNDS', 'instrument:data4crm'],
      ['actor:ebrd', 'MANAGES', 'instrument:grow-crm'],
      ['instrument:secure-crm', 'PRESENTED_AT', 'event:eu-central-asia-economic-forum-2025'],
    ],
  },
  F7: {
    entities: ['instrument:samarkand-package-critical-raw-materials'],
    links: [['instrument:global-gateway-central-asia-package', 'FUNDS', 'instrument:samarkand-package-critical-raw-materials']],
  },
  F8: { entities: ['instrument:global-gateway'], links: [] },
  F9: {
    entities: ['project:aral-sea-brine-lithium'],
    links: [
      ['actor:ebrd', 'FUNDS', 'project:aral-sea-brine-lithium'],
      ['actor:nariman-absametov', 'ANNOUNCED', 'project:aral-sea-brine-lithium'],
    ],
  },
  F10: { entities: ['actor:ebrd'], links: [] },
  F11: { entities: ['event:msp-finance-network-launch-2024'], links: [['actor:ebrd', 'ATTENDED', 'event:msp-finance-network-launch-2024']] },
  F12: {
    entities: ['instrument:dbk-rare-metals-programme-2025-2030', 'instrument:rare-metals-development-plan-2024-2028'],
    links: [['actor:development-bank-of-kazakhstan', 'MANAGES', 'instrument:dbk-rare-metals-programme-2025-2030']],
  },
  F13: { entities: ['instrument:eib-kazakhstan-sme-loans'], links: [['actor:eib', 'MANAGES', 'instrument:eib-kazakhstan-sme-loans']] },
  F14: {
    entities: ['project:tiberium', 'actor:tu-bergakademie-freiberg', 'actor:east-kazakhstan-technical-university', 'actor:tenir-group'],
    links: [
      ['instrument:horizon-europe', 'FUNDS', 'project:tiberium'],
      ['actor:ulba-metallurgical-plant', 'PARTICIPATES_IN', 'project:tiberium'],
      ['project:tiberium', 'INVOLVES', 'material:beryllium'],
    ],
  },
  F15: {
    entities: ['instrument:horizon-europe-strategic-partnerships-raw-materials-call-2025'],
    links: [['instrument:horizon-europe-strategic-partnerships-raw-materials-call-2025', 'FRAMED_BY', 'instrument:horizon-europe']],
  },
  F16: {
    entities: ['project:german-hydrogen-diplomacy-office-astana', 'actor:giz'],
    links: [['actor:annalena-baerbock', 'ANNOUNCED', 'project:german-hydrogen-diplomacy-office-astana']],
  },
  F17: {
    entities: ['actor:geological-survey-of-finland', 'project:central-asian-geoportal'],
    links: [['actor:geological-survey-of-finland', 'FUNDS', 'project:central-asian-geoportal']],
  },
  F18: { entities: ['project:eu-crm-laboratory-kazakhstan'], links: [['actor:antonio-costa', 'ANNOUNCED', 'project:eu-crm-laboratory-kazakhstan']] },
  F19: {
    entities: ['actor:us-exim', 'actor:us-dfc', 'instrument:us-exim-tungsten-letter-of-interest'],
    links: [['instrument:us-exim-tungsten-letter-of-interest', 'FUNDS', 'project:north-katpar-upper-kairakty-tungsten']],
  },
  // §4 Projects and companies
  C1: { entities: ['project:hms-bergbau-lithium'], links: [['actor:hms-bergbau', 'FUNDS', 'project:hms-bergbau-lithium', 'usd-500m-2023-09']] },
  C2: {
    entities: ['project:hms-bergbau-lithium'],
    links: [
      ['actor:hms-bergbau', 'FUNDS', 'project:hms-bergbau-lithium', 'exploration-2024-02'],
      ['actor:hms-bergbau', 'FUNDS', 'project:hms-bergbau-lithium', 'mining-processing-2024-02'],
    ],
  },
  C3: {
    entities: [
      'project:verkhne-baimurzinskoye-lithium-plant',
      'project:akhmetkino-lithium-processing-plant',
      'actor:alatau-lithium',
      'actor:creada-corporation',
      'actor:kaz-lithium',
    ],
    links: [
      ['actor:alatau-lithium', 'PARTICIPATES_IN', 'project:verkhne-baimurzinskoye-lithium-plant'],
      ['actor:creada-corporation', 'PARTICIPATES_IN', 'project:akhmetkino-lithium-processing-plant'],
      ['actor:hms-bergbau', 'FUNDS', 'actor:alatau-lithium'],
      ['actor:nurymbet-saktaganov', 'HOLDS_OFFICE', 'actor:akimat-of-east-kazakhstan-region'],
    ],
  },
  C4: {
    entities: ['actor:qazaq-lithium'],
    links: [
      ['actor:qazaq-lithium', 'PART_OF', 'actor:creada-corporation'],
      ['actor:qazaq-lithium', 'PARTICIPATES_IN', 'project:hms-bergbau-lithium'],
    ],
  },
  C5: {
    entities: ['agreement:hms-bergbau-creada-rare-earths-agreement-2024'],
    links: [
      ['actor:creada-corporation', 'PARTY_TO', 'agreement:hms-bergbau-creada-rare-earths-agreement-2024'],
      ['agreement:hms-bergbau-creada-rare-earths-agreement-2024', 'CONCLUDED_AT', 'event:german-kazakh-economic-forum-2024'],
    ],
  },
  C6: {
    entities: ['actor:manfred-grundke'],
    links: [
      ['actor:manfred-grundke', 'MET', 'actor:kanat-sharlapayev'],
      ['actor:manfred-grundke', 'HOLDS_OFFICE', 'actor:gp-gunter-papenburg'],
    ],
  },
  C7: {
    entities: ['claim:lithium-deposits-on-the-state-balance-2023'],
    links: [['actor:yerlan-galiyev', 'STATES', 'claim:lithium-deposits-on-the-state-balance-2023']],
  },
  C8: {
    entities: ['project:bakennoye-lithium', 'actor:kigam'],
    links: [
      ['actor:kigam', 'PARTICIPATES_IN', 'project:bakennoye-lithium'],
      ['project:bakennoye-lithium', 'HOLDS_DEPOSIT', 'material:lithium'],
    ],
  },
  C9: {
    entities: ['actor:ushtogan', 'project:sarytogan-graphite-deposit'],
    links: [
      ['actor:ushtogan', 'PART_OF', 'actor:sarytogan-graphite'],
      ['actor:sarytogan-graphite', 'PARTICIPATES_IN', 'project:sarytogan-graphite-deposit'],
    ],
  },
  C10: { entities: ['actor:dias-sarsenov'], links: [['actor:dias-sarsenov', 'FUNDS', 'actor:sarytogan-graphite']] },
  C11: { entities: ['event:amm-2025'], links: [['project:sarytogan-graphite-deposit', 'PRESENTED_AT', 'event:amm-2025']] },
  C12: {
    entities: ['actor:severniy-katpar', 'agreement:cove-kaz-tau-ken-tungsten-joint-venture-2025', 'agreement:cove-kaz-ita-tungsten-offtake-loi-2025'],
    links: [
      ['actor:cove-kaz-capital', 'FUNDS', 'actor:severniy-katpar'],
      ['actor:tau-ken-samruk', 'FUNDS', 'actor:severniy-katpar'],
      ['actor:tau-ken-samruk', 'PARTICIPATES_IN', 'project:north-katpar-upper-kairakty-tungsten', 'minority-owner'],
      ['actor:pini-althaus', 'SIGNED', 'agreement:cove-kaz-tau-ken-tungsten-joint-venture-2025'],
      ['actor:nariman-absametov', 'SIGNED', 'agreement:cove-kaz-tau-ken-tungsten-joint-venture-2025'],
    ],
  },
  C13: {
    entities: ['project:north-katpar-upper-kairakty-tungsten'],
    links: [['project:north-katpar-upper-kairakty-tungsten', 'HOLDS_DEPOSIT', 'material:tungsten']],
  },
  C14: {
    entities: ['project:akbulak-rare-earths-exploration', 'project:gremyachinsky-rare-metals-exploration'],
    links: [
      ['actor:cove-capital', 'PARTICIPATES_IN', 'project:akbulak-rare-earths-exploration'],
      ['actor:cove-capital', 'PARTICIPATES_IN', 'project:gremyachinsky-rare-metals-exploration'],
    ],
  },
  C15: {
    entities: ['project:almaty-region-tungsten-processing-plant'],
    links: [['project:almaty-region-tungsten-processing-plant', 'LOCATED_IN', 'place:almaty-region']],
  },
  C16: {
    entities: ['project:magnet-recycling-and-alloys-2026', 'project:taza-metal-manganese-sulfate', 'actor:taza-metal-technologies'],
    links: [
      ['actor:ulba-metallurgical-plant', 'PARTICIPATES_IN', 'project:magnet-recycling-and-alloys-2026'],
      ['actor:yersaiyn-nagaspayev', 'ANNOUNCED', 'project:magnet-recycling-and-alloys-2026'],
    ],
  },
  C17: {
    entities: ['project:erg-gallium-pavlodar', 'actor:eurasian-resources-group', 'actor:mitsubishi-corporation-rtm-japan'],
    links: [
      ['project:erg-gallium-pavlodar', 'PRODUCES', 'material:gallium'],
      ['actor:eurasian-resources-group', 'PARTICIPATES_IN', 'project:erg-gallium-pavlodar'],
    ],
  },
  C18: {
    entities: ['actor:genesis', 'actor:technip-energies', 'material:green-ammonia'],
    links: [
      ['actor:genesis', 'PARTICIPATES_IN', 'project:hyrasia-one'],
      ['project:hyrasia-one', 'PRODUCES', 'material:green-ammonia'],
      ['project:hyrasia-one', 'LOCATED_IN', 'place:karakiyan-district'],
    ],
  },
  C19: {
    entities: ['actor:ilf-consulting-engineers', 'actor:roland-berger'],
    links: [
      ['actor:ilf-consulting-engineers', 'PARTICIPATES_IN', 'project:hyrasia-one'],
      ['actor:roland-berger', 'PARTICIPATES_IN', 'project:hyrasia-one'],
    ],
  },
  C20: { entities: ['place:kuryk'], links: [['project:hyrasia-one', 'LOCATED_IN', 'place:kuryk']] },
  C21: {
    entities: ['claim:hyrasia-one-clusters-should-relocate', 'actor:public-council-ministry-of-ecology'],
    links: [
      ['actor:public-council-ministry-of-ecology', 'STATES', 'claim:hyrasia-one-clusters-should-relocate'],
      ['claim:hyrasia-one-clusters-should-relocate', 'ABOUT', 'project:hyrasia-one'],
    ],
  },
  C22: {
    entities: ['project:mirny-wind', 'agreement:mirny-wind-investment-agreement-2023', 'actor:totalenergies'],
    links: [
      ['actor:totalenergies', 'PARTICIPATES_IN', 'project:mirny-wind'],
      ['actor:kazmunaygas', 'PARTICIPATES_IN', 'project:mirny-wind'],
      ['actor:almasadam-satkaliyev', 'SIGNED', 'agreement:mirny-wind-investment-agreement-2023'],
      ['actor:kassym-jomart-tokayev', 'WITNESSED', 'agreement:mirny-wind-investment-agreement-2023'],
    ],
  },
  C23: {
    entities: ['agreement:xcalibur-ngs-mou', 'actor:andres-blanco'],
    links: [
      ['place:spain', 'FUNDS', 'project:xcalibur-airborne-geophysics'],
      ['actor:andres-blanco', 'HOLDS_OFFICE', 'actor:xcalibur-multiphysics'],
    ],
  },
  C24: {
    entities: ['project:regional-rare-earth-research-centre'],
    links: [
      ['actor:national-center-for-technology-foresight', 'PARTICIPATES_IN', 'project:regional-rare-earth-research-centre'],
      ['project:regional-rare-earth-research-centre', 'PRESENTED_AT', 'event:scholz-visit-astana-2024'],
    ],
  },
  // §6 Materials and claims, each with its speaker
  M1: {
    entities: ['claim:kazakhstan-holds-19-of-34-crms', 'claim:kazakhstan-holds-21-of-50-us-crms'],
    links: [
      ['actor:i-ospanov', 'STATES', 'claim:kazakhstan-holds-19-of-34-crms'],
      ['actor:kassym-jomart-tokayev', 'STATES', 'claim:kazakhstan-holds-19-of-34-crms', 'samarkand-2025-04-04'],
      ['actor:kanat-sharlapayev', 'STATES', 'claim:kazakhstan-holds-19-of-34-crms'],
    ],
  },
  M2: { entities: ['claim:kazakhstan-can-supply-21-of-34-crms'], links: [['actor:yermek-kosherbayev', 'STATES', 'claim:kazakhstan-can-supply-21-of-34-crms']] },
  M3: {
    entities: ['claim:kazakhstan-holds-18-of-34-crms'],
    links: [
      ['actor:roman-vassilenko', 'STATES', 'claim:kazakhstan-holds-18-of-34-crms'],
      ['actor:government-of-kazakhstan', 'STATES', 'claim:kazakhstan-holds-16-of-30-crms'],
    ],
  },
  M4: {
    entities: ['claim:eu-kazakhstan-trade-2021', 'claim:eu-kazakhstan-trade-2022', 'claim:eu-kazakhstan-trade-2024'],
    links: [['actor:yermek-kosherbayev', 'STATES', 'claim:eu-kazakhstan-trade-2024']],
  },
  M5: {
    entities: ['claim:70-percent-of-oil-exports-go-to-the-eu', 'claim:over-80-percent-of-oil-exports-go-to-europe'],
    links: [
      ['actor:kassym-jomart-tokayev', 'STATES', 'claim:70-percent-of-oil-exports-go-to-the-eu'],
      ['actor:yermek-kosherbayev', 'STATES', 'claim:over-80-percent-of-oil-exports-go-to-europe'],
    ],
  },
  M6: {
    entities: ['claim:kazakhstan-to-declassify-rare-metal-deposit-data'],
    links: [['actor:olzhas-bektenov', 'STATES', 'claim:kazakhstan-to-declassify-rare-metal-deposit-data']],
  },
  M7: {
    entities: [
      'claim:330-mining-companies-began-exploration-2023',
      'claim:kzt-420bn-attracted-to-geological-exploration',
      'claim:e-qazyna-drew-rio-tinto-and-fortescue',
    ],
    links: [
      ['actor:roman-vassilenko', 'STATES', 'claim:330-mining-companies-began-exploration-2023'],
      ['actor:iran-sharkhan', 'STATES', 'claim:kzt-420bn-attracted-to-geological-exploration'],
    ],
  },
  M8: { entities: ['material:gallium'], links: [] },
  M9: {
    entities: ['claim:china-supplies-60-percent-of-eu-heavy-rare-earths'],
    links: [['actor:european-commission', 'STATES', 'claim:china-supplies-60-percent-of-eu-heavy-rare-earths']],
  },
  M10: {
    entities: ['claim:lithium-reserves-100000-t-east-kazakhstan'],
    links: [['actor:national-geological-survey', 'STATES', 'claim:lithium-reserves-100000-t-east-kazakhstan']],
  },
  M11: {
    entities: ['claim:160-rare-earth-deposits-in-kazakhstan', 'claim:124-rare-earth-deposits-in-kazakhstan'],
    links: [
      ['actor:usgs', 'STATES', 'claim:160-rare-earth-deposits-in-kazakhstan'],
      ['actor:brussels-energy-club', 'STATES', 'claim:124-rare-earth-deposits-in-kazakhstan'],
    ],
  },
  // §7 Places
  L1: {
    entities: ['place:ulan-district'],
    links: [
      ['place:ulan-district', 'LOCATED_IN', 'place:east-kazakhstan'],
      ['place:ulan-district', 'HOLDS_DEPOSIT', 'material:lithium'],
    ],
  },
  L2: { entities: ['place:karakiyan-district', 'place:kuryk'], links: [['place:karakiyan-district', 'LOCATED_IN', 'place:mangystau-region']] },
  L3: {
    entities: ['place:aktau', 'actor:kazakh-german-institute-of-sustainable-engineering'],
    links: [['actor:kazakh-german-institute-of-sustainable-engineering', 'LOCATED_IN', 'place:aktau']],
  },
  L4: { entities: ['place:karaganda-region'], links: [['project:north-katpar-upper-kairakty-tungsten', 'LOCATED_IN', 'place:karaganda-region']] },
  L5: { entities: ['place:zhambyl-region'], links: [['project:mirny-wind', 'LOCATED_IN', 'place:zhambyl-region']] },
  L6: { entities: ['place:pavlodar'], links: [['project:erg-gallium-pavlodar', 'LOCATED_IN', 'place:pavlodar']] },
  L7: { entities: ['place:northern-pre-balkhash'], links: [['project:xcalibur-airborne-geophysics', 'LOCATED_IN', 'place:northern-pre-balkhash']] },
  L8: {
    entities: ['place:luxembourg', 'place:brussels', 'place:tashkent'],
    links: [
      ['event:eu-kz-cooperation-council-2024', 'LOCATED_IN', 'place:luxembourg'],
      ['event:eu-kz-cooperation-council-2025', 'LOCATED_IN', 'place:brussels'],
      ['event:eu-central-asia-economic-forum-2025', 'LOCATED_IN', 'place:tashkent'],
    ],
  },
  L9: { entities: ['place:kostanay-region'], links: [['project:akbulak-rare-earths-exploration', 'LOCATED_IN', 'place:kostanay-region']] },
};

const ENTITIES = `query RowEntities($ids: [ID!]!) { nodes(ids: $ids) { id ... on Entity { confidence sources { id url } } } }`;
const LINKS = `query RowLinks($ids: [ID!]!) { nodes(ids: $ids) { id ... on Entity {
  relationships(direction: OUT, first: 100) { edges { type key confidence node { id } sources { id } } } } } }`;

describe('financier to material', () => {
  it("the EBRD's equity in Sarytogan Graphite reaches graphite through the deposit the company develops", async () => {
    const { paths } =
      await server.data(`{ paths(from: "actor:ebrd", to: "material:graphite", relationshipTypes: [FUNDS, PARTICIPATES_IN, HOLDS_DEPOSIT], maxHops: 4, first: 3) {
      length nodes { id } relationships { type from to sources { id } } } }`);
    const [shortest] = paths;
    expect(shortest.nodes.map((node: { id: string }) => node.id)).toEqual([
      'actor:ebrd',
      'actor:sarytogan-graphite',
      'project:sarytogan-graphite-deposit',
      'material:graphite',
    ]);
    expect(shortest.relationships.map((link: { type: string }) => link.type)).toEqual(['FUNDS', 'PARTICIPATES_IN', 'HOLDS_DEPOSIT']);
    for (const link of shortest.relationships) expect(link.sources.length).toBeGreaterThan(0);
  });

  it("the EBRD's stake is a dated equity link with its amount and share", async () => {
    const { entity } = await server.data(`{ entity(id: "actor:ebrd") { ... on Actor {
      relationships(types: [FUNDS], direction: OUT) { edges { node { id } amount currency share date } } } } }`);
    expect(entity.relationships.edges).toContainEqual({
      node: { id: 'actor:sarytogan-graphite' },
      amount: 5_000_000,
      currency: 'AUD',
      share: 17.36,
      date: '2024-08',
    });
  });

  it('a US stake (context, side OTHER) in the tungsten project company reaches tungsten, and the company is EU-supported', async () => {
    const result = await server.data(`{
      path: shortestPath(from: "actor:cove-kaz-capital", to: "material:tungsten", relationshipTypes: [FUNDS, PARTICIPATES_IN, HOLDS_DEPOSIT], maxHops: 3) { nodes { id } }
      cove: node(id: "actor:cove-kaz-capital") { ... on Actor { side } }
      eu: shortestPath(from: "instrument:eu-ebrd-tau-ken-samruk-technical-support", to: "material:tungsten", relationshipTypes: [FUNDS, HOLDS_DEPOSIT], maxHops: 2) { length } }`);
    expect(result.cove.side).toBe('OTHER');
    expect(result.path.nodes.at(-1).id).toBe('material:tungsten');
    expect(result.path.nodes.map((node: { id: string }) => node.id)).toContain('project:north-katpar-upper-kairakty-tungsten');
    expect(result.eu.length).toBe(2);
  });
});

describe('every high and medium FACTS-2 row of §3, §4, §6 and §7 that the data covers is reachable from the API', () => {
  it.each(Object.entries(ROWS))('%s', async (_row, { entities, links }) => {
    if (entities.length > 0) {
      const { nodes } = await server.data(ENTITIES, { ids: entities });
      expect(nodes.map((node: { id: string } | null) => node?.id)).toEqual(entities);
      for (const node of nodes) expect(node.sources.length, node.id).toBeGreaterThan(0);
    }
    if (links.length > 0) {
      const froms = [...new Set(links.map(([from]) => from))];
      const { nodes } = await server.data(LINKS, { ids: froms });
      const found = new Set<string>();
      for (const node of nodes) {
        for (const edge of node.relationships.edges) {
          if (edge.sources.length > 0 && edge.confidence !== 'LOW') found.add([node.id, edge.type, edge.node.id, edge.key ?? ''].join('|'));
        }
      }
      for (const [from, type, to, key = ''] of links) expect(found, `${from} ${type} ${to} ${key}`).toContain([from, type, to, key].join('|'));
    }
  });

  it("loads no low-confidence row of §8: Akbulak is Cove Capital's exploration only, with no Kazgeology joint venture", async () => {
    const { entity } = await server.data(
      `{ entity(id: "project:akbulak-rare-earths-exploration") { ... on Project { relationships(types: [PARTICIPATES_IN]) { edges { node { id } } } } } }`,
    );
    expect(entity.relationships.edges.map((edge: { node: { id: string } }) => edge.node.id)).toEqual(['actor:cove-capital']);
  });
});
