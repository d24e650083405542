import { randomUUID } from 'node:crypto';
import { MikroORM } from '@mikro-orm/postgresql';
import { rebuildProjections } from '@mindhill/persistence';
import { eventually, makeJobsDueSql } from '@mindhill/testing';
import { http } from '../../../test/support/http';
import { startTestPlatform, TestPlatform } from '../../../test/support/test-platform';
import { signToken } from '../../../test/support/tokens';
import { processingProjections } from '../src/processing.projections';
import { ProcessingFixtures } from './processing-fixtures';

const HTML_PAGE = `<!doctype html><html><head><title>Quarterly invoice report</title>
<style>body { font-family: serif }</style><script>var tracking = "secret-script";</script></head>
<body><h1>Invoice &amp; payment summary</h1>
<p>The invoice was paid by bank transfer and the payment was confirmed by the finance team.</p>
<p>All   refunds are processed within&nbsp;five days &mdash; see the payment policy.</p></body></html>`;
const CSV = 'name,price,qty\nA,10,1\nB,20,2\nC,30,3\nD,40,4\n';
const JSON_ARRAY = JSON.stringify([
  { amount: 5, meta: { score: 1 }, label: 'x' },
  { amount: 15, meta: { score: 3 } },
]);
const FRENCH = 'La facture de la banque est arrivée. Elle doit être payée avant la fin du mois, et le reçu sera envoyé par la poste.';
const FRENCH_COPY =
  'La  facture de la banque est arrivée.\n\n\n\nElle doit être payée avant la fin du mois,   et le reçu sera envoyé par la poste.';

const RULES = {
  rules: [
    { category: 'finance', tags: ['money'], keywords: ['invoice', 'payment', 'bank transfer', 'facture', 'banque', 'reçu'] },
    { category: 'weather', tags: ['meteo'], keywords: ['rain', 'pluie'] },
  ],
  defaultCategory: 'other',
  flagDuplicates: true,
};

describe('processing stages over fetched content (real Kafka + PostgreSQL)', () => {
  let platform: TestPlatform;
  let fx: ProcessingFixtures;
  let token: string;
  const executionId = randomUUID();
  const fluxId = randomUUID();
  const ids: Record<string, string> = {};

  beforeAll(async () => {
    platform = await startTestPlatform({
      services: ['processing'],
      // Progress at every item (by default a stage shorter than 500 ms reports only its outcome).
      env: { PROCESSING_INPUT_POLL_MS: '100', PROCESSING_MAX_ITEM_BYTES: '4096', PROCESSING_PROGRESS_EVERY_MS: '0' },
    });
    fx = new ProcessingFixtures(platform.env);
    // History and search hits follow the workflow: shared with this viewer (user 5), owned by user 4.
    token = await signToken(platform.tokenKey, { role: 'viewer', userNumber: 5 });
    await fx.workflowCreated({ createdBy: 4, sharedWithUsers: [5] });
    ids.html = (
      await fx.fetched({ executionId, fluxId, name: 'report.html', mimeType: 'text/html; charset=utf-8', body: HTML_PAGE })
    ).contentId;
    ids.csv = (await fx.fetched({ executionId, fluxId, name: 'prices.csv', mimeType: 'text/csv', body: CSV })).contentId;
    ids.json = (await fx.fetched({ executionId, fluxId, name: 'amounts.json', mimeType: 'application/json', body: JSON_ARRAY })).contentId;
    ids.french = (
      await fx.fetched({ executionId, fluxId, name: 'facture.txt', mimeType: 'text/plain', body: Buffer.from(FRENCH, 'latin1') })
    ).contentId;
    ids.copy = (await fx.fetched({ executionId, fluxId, name: 'copie.txt', mimeType: 'text/plain', body: FRENCH_COPY })).contentId;
  });

  afterAll(() => platform?.close());

  const orm = () => platform.apps.processing!.get(MikroORM) as MikroORM;
  const rows = (sql: string, params: unknown[] = []) => orm().em.fork().execute<Record<string, any>[]>(sql, params);
  const run = async (stageOrder: number, stageType: string, settings: Record<string, unknown> = {}) => {
    await fx.requestStage({ executionId, stageOrder, stageType, settings, expected: 5 });
    return fx.outcome(executionId, stageOrder);
  };

  it('runs processing → normalization → refinement → calculation → analysis with exact outputs', async () => {
    const processing = await run(2, 'processing');
    expect(processing.type).toBe('processing.stage.completed');
    expect(processing.payload).toMatchObject({
      itemsTotal: 5,
      itemsSuccessful: 5,
      itemsFailed: 0,
      contentCount: 5,
      output: { formats: { html: 1, csv: 1, json: 1, text: 2 }, encodings: { 'utf-8': 4, 'latin-1': 1 } },
      historyId: expect.any(String),
    });
    const [decoded] = await rows(`SELECT text FROM content_stage_text WHERE content_id = ? AND stage_order = 2`, [ids.french]);
    expect(decoded!.text).toBe(FRENCH);

    const normalization = await run(3, 'normalization', { unicodeForm: 'NFKC' });
    expect(normalization.type).toBe('processing.stage.completed');
    const [page] = await rows(`SELECT text, format, language FROM content_stage_text WHERE content_id = ? AND stage_order = 3`, [ids.html]);
    expect(page!.format).toBe('text');
    expect(page!.language).toBe('en');
    expect(page!.text).toContain('Invoice & payment summary');
    expect(page!.text).toContain('All refunds are processed within five days — see the payment policy.');
    expect(page!.text).not.toMatch(/secret-script|font-family|<p>/);
    const [csvText] = await rows(`SELECT text FROM content_stage_text WHERE content_id = ? AND stage_order = 3`, [ids.csv]);
    expect(csvText!.text).toBe(CSV.trim());

    const refinement = await run(4, 'refinement', RULES);
    expect(refinement.type).toBe('processing.stage.completed');
    expect(refinement.payload.output).toEqual({
      categories: { finance: 3, other: 2 },
      duplicates: [{ contentId: ids.copy, duplicateOf: ids.french }],
    });
    const refined = await rows(
      `SELECT content_id, category, tags, confidence, language, duplicate_of FROM content_stage_text WHERE stage_order = 4`,
    );
    const byId = Object.fromEntries(refined.map((r) => [r.content_id, r]));
    // HTML page: invoice, payment, bank transfer of 6 keywords; French: facture, banque, reçu.
    expect(byId[ids.html]).toMatchObject({
      category: 'finance',
      tags: ['money'],
      confidence: '0.5000',
      language: 'en',
      duplicate_of: null,
    });
    expect(byId[ids.french]).toMatchObject({ category: 'finance', confidence: '0.5000', language: 'fr' });
    expect(byId[ids.copy]).toMatchObject({ category: 'finance', language: 'fr', duplicate_of: ids.french });
    expect(byId[ids.csv]).toMatchObject({ category: 'other', tags: [], confidence: '0.0000' });

    const calculation = await run(5, 'calculation');
    expect(calculation.type).toBe('processing.stage.completed');
    expect(calculation.payload.output).toEqual({
      fields: {
        amount: { count: 2, sum: 20, mean: 10, min: 5, max: 15, p50: 10, p95: 14.5 },
        'meta.score': { count: 2, sum: 4, mean: 2, min: 1, max: 3, p50: 2, p95: 2.9 },
        price: { count: 4, sum: 100, mean: 25, min: 10, max: 40, p50: 25, p95: 38.5 },
        qty: { count: 4, sum: 10, mean: 2.5, min: 1, max: 4, p50: 2.5, p95: 3.85 },
      },
    });

    const analysis = await run(6, 'analysis', { topKeywords: 3, stopwords: ['doit'] });
    expect(analysis.type).toBe('processing.stage.completed');
    expect(analysis.payload.output.keywords).toEqual([
      { word: 'invoice', count: 3 },
      { word: 'payment', count: 3 },
      // JSON keys are words of the JSON text too; ties are alphabetical.
      { word: 'amount', count: 2 },
    ]);
    const [summary] = await rows(`SELECT summary, keywords, category FROM content_stage_text WHERE content_id = ? AND stage_order = 6`, [
      ids.french,
    ]);
    expect(summary).toMatchObject({ summary: 'La facture de la banque est arrivée.', category: 'finance' });
    // Every word occurs once: alphabetical order decides.
    expect(summary!.keywords).toEqual(['arrivée', 'avant', 'banque']);

    // processing.content.processed reaches Kafka without the private text.
    const processed = await fx.messages('processing.content.events.v1', (es) => es.filter((e) => e.payload.stageOrder === 6).length >= 5);
    const last = processed.find((e) => e.payload.contentId === ids.french && e.payload.stageOrder === 6)!;
    expect(last.payload).toMatchObject({ processingType: 'analysis', category: 'finance', tags: ['money'], language: 'fr', wordCount: 24 });
    expect(last.payload).not.toHaveProperty('text');
  });

  it('records one processing_history row per stage run, readable through the gateway', async () => {
    const res = await http('GET', `${platform.gatewayUrl}/api/v1/processing-history?executionId=${executionId}`, { token });
    expect(res.status).toBe(200);
    expect(res.body.items.map((r: any) => [r.stageOrder, r.processingType, r.status])).toEqual([
      [2, 'processing', 'Success'],
      [3, 'normalization', 'Success'],
      [4, 'refinement', 'Success'],
      [5, 'calculation', 'Success'],
      [6, 'analysis', 'Success'],
    ]);
    const refinement = res.body.items[2];
    expect(refinement).toMatchObject({
      processingAlgorithm: 'keyword-rules-v1',
      numberOfProcessingContent: 5,
      contentProcessed: 5,
      contentSuccessful: 5,
      contentFailed: 0,
      accuracyScore: 100,
      confidenceScore: 30,
      executionNumber: 42,
      dataSourceNumber: 7,
      fetchingId: 3,
      failedItems: [],
      processingConfig: { defaultCategory: 'other', flagDuplicates: true },
    });
    expect(refinement.inputHash).toMatch(/^[0-9a-f]{64}$/);
    expect(refinement.inputHash).toBe(res.body.items[0].inputHash);
    expect(refinement.outputHash).not.toBe(res.body.items[1].outputHash);
    expect(refinement.itemsPerSecond).toBeGreaterThan(0);
    // The seed's columns under the API's camelCase names: no snake_case key is left.
    expect(res.body.items.flatMap((r: any) => Object.keys(r).filter((k) => k.includes('_')))).toEqual([]);
    const recorded = await fx.messages(
      'processing.history.events.v1',
      (es) => es.filter((e) => e.payload.executionId === executionId).length >= 5,
    );
    expect(
      recorded
        .filter((e) => e.payload.executionId === executionId)
        .map((e) => e.payload.processingId)
        .sort(),
    ).toEqual(res.body.items.map((r: any) => r.processingId).sort());
    // Someone the workflow is not shared with sees none of it.
    const stranger = await signToken(platform.tokenKey, { role: 'user', userNumber: 6 });
    expect(
      (await http('GET', `${platform.gatewayUrl}/api/v1/processing-history?executionId=${executionId}`, { token: stranger })).body.items,
    ).toEqual([]);
    const bad = await http('GET', `${platform.gatewayUrl}/api/v1/processing-history?executionId=nope`, { token });
    expect(bad.status).toBe(400);
  });

  it('searches processed content by language-aware ranked full text, with filters', async () => {
    const search = (qs: string) => http('GET', `${platform.gatewayUrl}/api/v1/contents/search?${qs}`, { token });
    // French stemming: "factures" finds "facture"; English stemming: "payments" finds "payment".
    const fr = await search('q=factures');
    expect(fr.status).toBe(200);
    expect(fr.body.items.map((h: any) => h.contentId).sort()).toEqual([ids.french, ids.copy].sort());
    expect(fr.body.items[0]).toMatchObject({ category: 'finance', tags: ['money'], language: 'fr', fluxId });
    expect(fr.body.items[0].snippet).toContain('<b>facture</b>');
    const en = await search('q=payments');
    expect(en.body.items.map((h: any) => h.contentId)).toEqual([ids.html]);
    expect(en.body.items[0].rank).toBeGreaterThan(0);
    expect(en.body.items[0].name).toBe('report.html');

    // Ranking: a name match (weight A) outranks text only.
    const ranked = await search('q=facture');
    expect(ranked.body.items.map((h: any) => h.contentId)[0]).toBe(ids.french);
    expect(ranked.body.items[0].rank).toBeGreaterThan(ranked.body.items[1].rank);

    expect((await search(`q=facture&fluxId=${randomUUID()}`)).body.items).toEqual([]);
    expect((await search('q=facture&category=weather')).body.items).toEqual([]);
    expect((await search('q=facture&tag=money&category=finance')).body.items).toHaveLength(2);
    const paged = await search('q=facture&limit=1');
    expect(paged.body.items).toHaveLength(1);
    const next = await search(`q=facture&limit=1&cursor=${paged.body.nextCursor}`);
    expect(next.body.items[0].contentId).not.toBe(paged.body.items[0].contentId);
    expect(next.body.nextCursor).toBeNull();

    for (const qs of ['q=', 'q=%20%20', `q=${'x'.repeat(201)}`, 'fluxId=' + fluxId]) {
      const bad = await search(qs);
      expect(bad.status).toBe(400);
      expect(bad.body.error.code).toBe('PROCESSING.INVALID_QUERY');
    }
    expect((await search('q=a&unknown=1')).body.error.code).toBe('REQUEST.UNKNOWN_FIELDS');
  });

  it('indexes HTML that was only decoded by its visible text', async () => {
    const execution = randomUUID();
    const page = await fx.fetched({
      executionId: execution,
      fluxId,
      name: 'airships.html',
      mimeType: 'text/html',
      body: '<html><head><script>var zeppelinTracker = 1;</script></head><body><p>The <em>zeppelin</em> landed &amp; refuelled.</p></body></html>',
    });
    await fx.requestStage({ executionId: execution, stageOrder: 2, stageType: 'processing', expected: 1 });
    expect((await fx.outcome(execution, 2)).type).toBe('processing.stage.completed');
    const hit = await http('GET', `${platform.gatewayUrl}/api/v1/contents/search?q=zeppelin`, { token });
    const stranger = await signToken(platform.tokenKey, { role: 'user', userNumber: 6 });
    expect((await http('GET', `${platform.gatewayUrl}/api/v1/contents/search?q=zeppelin`, { token: stranger })).body.items).toEqual([]);
    expect(hit.body.items.map((h: any) => h.contentId)).toEqual([page.contentId]);
    expect(hit.body.items[0].snippet).toBe('<b>zeppelin</b> landed &amp; refuelled');
    expect((await http('GET', `${platform.gatewayUrl}/api/v1/contents/search?q=zeppelinTracker`, { token })).body.items).toEqual([]);
  });

  it('flags content of the same flux already processed by another execution as a duplicate', async () => {
    const execution = randomUUID();
    const again = await fx.fetched({
      executionId: execution,
      fluxId,
      name: 'facture-again.txt',
      mimeType: 'text/plain',
      body: FRENCH.toUpperCase(),
    });
    const other = await fx.fetched({
      executionId: execution,
      fluxId: randomUUID(),
      name: 'other-flux.txt',
      mimeType: 'text/plain',
      body: FRENCH,
    });
    await fx.requestStage({ executionId: execution, stageOrder: 2, stageType: 'refinement', settings: RULES, expected: 2 });
    const outcome = await fx.outcome(execution, 2);
    expect(outcome.payload.output.duplicates).toEqual([{ contentId: again.contentId, duplicateOf: ids.french }]);
    const [row] = await rows(`SELECT duplicate_of FROM content_stage_text WHERE content_id = ?`, [other.contentId]);
    expect(row!.duplicate_of).toBeNull();
  });

  it('re-running a finished stage job changes nothing (stage stream checked first)', async () => {
    const key = `stage:${executionId}:4:1`;
    const before = await rows(`SELECT count(*)::int AS n FROM stored_event`);
    await rows(makeJobsDueSql('job_key = ?', "status = 'pending', run_after = now(), locked_until = NULL"), [key]);
    await eventually(async () => {
      const [job] = await rows(`SELECT status, attempts FROM job WHERE job_key = ?`, [key]);
      expect(job).toMatchObject({ status: 'done', attempts: 2 });
    });
    // A redelivered request (new event id, same stage attempt) enqueues nothing new either.
    const again = await fx.requestStage({ executionId, stageOrder: 4, stageType: 'refinement', settings: RULES, expected: 5 });
    await eventually(async () => {
      expect(
        await rows(`SELECT 1 FROM processed_message WHERE consumer = 'processing.stage-requests' AND event_id = ?`, [again.eventId]),
      ).toHaveLength(1);
    });
    const [job] = await rows(`SELECT status, attempts FROM job WHERE job_key = ?`, [key]);
    expect(job).toMatchObject({ status: 'done', attempts: 2 });
    const after = await rows(`SELECT count(*)::int AS n FROM stored_event`);
    expect(after[0]!.n).toBe(before[0]!.n);
    const [history] = await rows(`SELECT count(*)::int AS n FROM processing_history WHERE execution_uuid = ? AND stage_order = 4`, [
      executionId,
    ]);
    expect(history!.n).toBe(1);
  });

  it('waits for content that has not arrived yet, then processes it', async () => {
    const execution = randomUUID();
    await fx.requestStage({ executionId: execution, stageOrder: 2, stageType: 'processing', expected: 2 });
    await eventually(async () => {
      const [job] = await rows(`SELECT status, last_error FROM job WHERE job_key = ?`, [`stage:${execution}:2:1`]);
      expect(job).toMatchObject({ last_error: 'waiting for input' });
    });
    await fx.fetched({
      executionId: execution,
      fluxId,
      name: 'late-1.txt',
      mimeType: 'text/plain',
      body: 'The first late document arrived.',
    });
    await fx.fetched({
      executionId: execution,
      fluxId,
      name: 'late-2.txt',
      mimeType: 'text/plain',
      body: 'The second late document arrived.',
    });
    const outcome = await fx.outcome(execution, 2);
    expect(outcome.type).toBe('processing.stage.completed');
    expect(outcome.payload).toMatchObject({ itemsTotal: 2, itemsSuccessful: 2 });
    // Progress is reported on the same stage stream before the outcome.
    const stage = await fx.messages('processing.stage.events.v1', (es) =>
      es.some((e) => e.type === 'processing.stage.progressed' && e.payload.executionId === execution),
    );
    const mine = stage.filter((e) => e.payload.executionId === execution);
    expect(mine[0]).toMatchObject({
      type: 'processing.stage.progressed',
      aggregateId: `stage-${execution}-2-1`,
      payload: { itemsTotal: 2, itemsProcessed: 1 },
    });
  });

  it('fails with PROCESSING.INPUT_MISSING (retriable) when the content does not arrive before the deadline', async () => {
    const execution = randomUUID();
    await fx.requestStage({ executionId: execution, stageOrder: 2, stageType: 'normalization', expected: 3, deadlineInMs: 1_500 });
    const outcome = await fx.outcome(execution, 2);
    expect(outcome.type).toBe('processing.stage.failed');
    expect(outcome.payload).toMatchObject({ errorCode: 'PROCESSING.INPUT_MISSING', retriable: true });
    const [history] = await rows(`SELECT status, error_message FROM processing_history WHERE execution_uuid = ?`, [execution]);
    expect(history!.status).toBe('Failed');
  });

  it('fails with PROCESSING.ALL_ITEMS_FAILED (not retriable) when no item can be processed; partial failures are counted', async () => {
    const execution = randomUUID();
    const missing = await fx.fetched({
      executionId: execution,
      fluxId,
      name: 'gone.json',
      mimeType: 'application/json',
      body: '[{"a": 1}]',
      store: false,
    });
    const broken = await fx.fetched({ executionId: execution, fluxId, name: 'broken.json', mimeType: 'application/json', body: '[{"a": ' });
    const failed = await (async () => {
      await fx.requestStage({ executionId: execution, stageOrder: 2, stageType: 'calculation', expected: 2 });
      return fx.outcome(execution, 2);
    })();
    expect(failed.type).toBe('processing.stage.failed');
    expect(failed.payload).toMatchObject({ errorCode: 'PROCESSING.ALL_ITEMS_FAILED', retriable: false, itemsProcessed: 2, itemsFailed: 2 });
    expect(failed.payload.details.failedItems).toEqual([
      { contentId: missing.contentId, code: 'PROCESSING.CONTENT_UNREADABLE', reason: expect.any(String) },
      { contentId: broken.contentId, code: 'PROCESSING.INVALID_JSON', reason: expect.any(String) },
    ]);

    await fx.fetched({ executionId: execution, fluxId, name: 'ok.csv', mimeType: 'text/csv', body: 'a\n1\n2\n' });
    const large = await fx.fetched({
      executionId: execution,
      fluxId,
      name: 'large.csv',
      mimeType: 'text/csv',
      body: `a\n${'7\n'.repeat(3000)}`,
    });
    await fx.requestStage({ executionId: execution, stageOrder: 2, stageType: 'calculation', expected: 4, attempt: 2 });
    const partial = await fx.outcome(execution, 2, 2);
    expect(partial.type).toBe('processing.stage.completed');
    expect(partial.payload).toMatchObject({
      itemsTotal: 4,
      itemsSuccessful: 1,
      itemsFailed: 3,
      output: { fields: { a: { count: 2, sum: 3 } } },
    });
    const [history] = await rows(
      `SELECT content_failed, accuracy_score, failed_items FROM processing_history WHERE execution_uuid = ? AND attempt = 2`,
      [execution],
    );
    expect(history).toMatchObject({ content_failed: 3, accuracy_score: '25.00' });
    expect(history!.failed_items.map((f: any) => [f.contentId, f.code])).toEqual([
      [missing.contentId, 'PROCESSING.CONTENT_UNREADABLE'],
      [broken.contentId, 'PROCESSING.INVALID_JSON'],
      [large.contentId, 'PROCESSING.CONTENT_TOO_LARGE'],
    ]);
  });

  it('cancels the pending stage job when the execution is cancelled', async () => {
    const execution = randomUUID();
    await fx.requestStage({ executionId: execution, stageOrder: 3, stageType: 'analysis', expected: 9 });
    await eventually(async () => expect(await rows(`SELECT 1 FROM job WHERE job_key = ?`, [`stage:${execution}:3:1`])).toHaveLength(1));
    await fx.executionFinished(execution, 'Cancelled');
    await eventually(async () => {
      const [job] = await rows(`SELECT status FROM job WHERE job_key = ?`, [`stage:${execution}:3:1`]);
      expect(job!.status).toBe('cancelled');
    });
  });

  it('leaves fetching stages to ingestion and completes a stage with no input as empty', async () => {
    const execution = randomUUID();
    // Same execution id, same partition: the fetching request is consumed before the next one.
    await fx.requestStage({ executionId: execution, stageOrder: 1, stageType: 'fetching', expected: 0 });
    await fx.requestStage({ executionId: execution, stageOrder: 2, stageType: 'analysis', expected: 0 });
    const outcome = await fx.outcome(execution, 2);
    expect(outcome.payload).toMatchObject({ itemsTotal: 0, itemsSuccessful: 0, contentCount: 0, output: { keywords: [] } });
    expect(await rows(`SELECT job_key FROM job WHERE job_key LIKE ?`, [`stage:${execution}:%`])).toEqual([
      { job_key: `stage:${execution}:2:1` },
    ]);
  });

  it('rebuilds processing_history and the content projections from stored events, row for row', async () => {
    const snapshot = async () => ({
      history: await rows(`SELECT * FROM processing_history ORDER BY id`),
      texts: await rows(`SELECT * FROM content_stage_text ORDER BY execution_id, content_id, stage_order`),
      search: await rows(`SELECT *, search_vector::text AS vector FROM content_search ORDER BY content_id`),
    });
    const before = await snapshot();
    expect(before.history.length).toBeGreaterThanOrEqual(10);
    expect(before.search.length).toBeGreaterThanOrEqual(8);
    await rebuildProjections(orm(), 'processing', processingProjections);
    const after = await snapshot();
    expect(after).toEqual(before);
    const [seq] = await rows(`SELECT last_value::int AS v FROM processing_id_seq`);
    expect(seq!.v).toBe(Math.max(...before.history.map((h) => h.processing_id)));
  });
});
