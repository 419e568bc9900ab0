import Button from '@material-ui/core/Button';
import Grid from '@material-ui/core/Grid';
import Paper from '@material-ui/core/Paper';
import {
  isPorticoTopic,
  PORTICO_TOPICS,
  TOPIC_TYPES,
} from '@portico/plugin-portico-common';
import {
  DELIVERY_STATES,
  EventsFilters,
  hasEventsFilters,
} from '../../hooks/eventsFilters';
import { DateTimeFilter } from './DateTimeFilter';
import { FilterSelect } from './FilterSelect';
import { FilterTextField } from './FilterTextField';

function typesOf(topic: string | undefined): readonly string[] | undefined {
  return topic && isPorticoTopic(topic) ? TOPIC_TYPES[topic] : undefined;
}

/** The events page's filters; every change goes through `onChange` as a whole. */
export function EventsFilterBar(props: {
  filters: EventsFilters;
  /** The plugins that have an outbox, as the server listed them. */
  plugins: string[];
  onChange: (filters: EventsFilters) => void;
}) {
  const { filters, plugins, onChange } = props;
  const set = (changes: Partial<EventsFilters>) =>
    onChange({ ...filters, ...changes });

  // A plugin from a shared link stays selectable even when it has no outbox (yet).
  const pluginOptions =
    filters.plugin && !plugins.includes(filters.plugin)
      ? [...plugins, filters.plugin]
      : plugins;
  const topicTypes = typesOf(filters.topic);

  const changeTopic = (topic: string | undefined) => {
    const types = typesOf(topic);
    const keepType = !types || (filters.type && types.includes(filters.type));
    set({ topic, type: keepType ? filters.type : undefined });
  };

  // On paper, not the page's grey: the fields' labels then have enough contrast (WCAG AA).
  return (
    <Paper variant="outlined" style={{ padding: 16 }}>
      <Grid container spacing={2} alignItems="center">
        <Grid item xs={12} sm={6} md={3} lg={2}>
          <FilterSelect
            label="Plugin"
            value={filters.plugin}
            options={pluginOptions}
            onChange={plugin => set({ plugin })}
          />
        </Grid>
        <Grid item xs={12} sm={6} md={3} lg={2}>
          <FilterSelect
            label="Topic"
            value={filters.topic}
            options={PORTICO_TOPICS}
            onChange={changeTopic}
          />
        </Grid>
        <Grid item xs={12} sm={6} md={3} lg={2}>
          {topicTypes ? (
            <FilterSelect
              label="Type"
              value={filters.type}
              options={topicTypes}
              onChange={type => set({ type })}
            />
          ) : (
            <FilterTextField
              label="Type"
              placeholder="e.g. request-approved"
              value={filters.type}
              onChange={type => set({ type })}
            />
          )}
        </Grid>
        <Grid item xs={12} sm={6} md={3} lg={2}>
          <FilterTextField
            label="Subject"
            placeholder="entity ref or resource id"
            value={filters.subject}
            onChange={subject => set({ subject })}
          />
        </Grid>
        <Grid item xs={12} sm={6} md={3} lg={2}>
          <FilterSelect
            label="State"
            value={filters.state}
            options={DELIVERY_STATES}
            onChange={state =>
              set({ state: DELIVERY_STATES.find(known => known === state) })
            }
          />
        </Grid>
        <Grid item xs={12} sm={6} md={3} lg={2}>
          <DateTimeFilter
            label="From"
            value={filters.from}
            onChange={from => set({ from })}
          />
        </Grid>
        <Grid item xs={12} sm={6} md={3} lg={2}>
          <DateTimeFilter
            label="To"
            value={filters.to}
            onChange={to => set({ to })}
          />
        </Grid>
        <Grid item>
          <Button
            variant="outlined"
            disabled={!hasEventsFilters(filters)}
            onClick={() => onChange({})}
          >
            Clear filters
          </Button>
        </Grid>
      </Grid>
    </Paper>
  );
}
