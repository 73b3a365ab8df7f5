import { graphql } from '../../../generated/gql.js';

/** The current settings with their meaning, and every version with what it changed. */
export const SETTINGS_QUERY = graphql(`
  query Settings {
    settings {
      key
      value
      meaning
      version
    }
    settingsHistory {
      version
      createdAt
      createdBy
      changes
    }
  }
`);

/** One value changed: a new settings version. */
export const UPDATE_SETTING_MUTATION = graphql(`
  mutation UpdateSetting($input: UpdateSettingInput!) {
    updateSetting(input: $input) {
      key
      value
      meaning
      version
    }
  }
`);
